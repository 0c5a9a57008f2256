using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Svg.Dom;

namespace Crawler.Grains.Links;

/// <summary>The raw attribute values link extraction needs, gathered in one walk over the parsed tree.</summary>
internal sealed class PageElements
{
    private bool _titleSeen;

    public string? Title { get; private set; }

    public string? BaseHref { get; private set; }

    public string? CanonicalHref { get; private set; }

    public bool MetaNoFollow { get; private set; }

    public bool MetaNoIndex { get; private set; }

    public List<RawLink> Links { get; } = [];

    /// <summary>
    /// Walks the tree in document order with an explicit stack: the parser caps nesting, but a
    /// recursive walk is still one stack frame per level and a stack overflow ends the process.
    /// </summary>
    public static PageElements Collect(IDocument document)
    {
        var elements = new PageElements();
        var pending = new Stack<(INode Parent, int Next)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (parent, next) = pending.Pop();
            var children = parent.ChildNodes;
            if (next >= children.Length)
            {
                continue;
            }

            pending.Push((parent, next + 1));
            if (children[next] is IElement element)
            {
                elements.Visit(element);
                if (element.HasChildNodes)
                {
                    pending.Push((element, 0));
                }
            }
        }

        return elements;
    }

    private void Visit(IElement element)
    {
        switch (element.LocalName)
        {
            case "a" when element is IHtmlElement or ISvgElement:
            case "area" when element is IHtmlElement:
                if (element.GetAttribute("href") is { } href)
                {
                    var noFollow = AttributeTokens.Contains(element.GetAttribute("rel"), "nofollow", AttributeTokens.Whitespace);
                    Links.Add(new RawLink(href, noFollow));
                }

                break;
            case "base" when element is IHtmlElement && BaseHref is null:
                BaseHref = element.GetAttribute("href");
                break;
            case "link" when element is IHtmlElement && CanonicalHref is null:
                if (AttributeTokens.Contains(element.GetAttribute("rel"), "canonical", AttributeTokens.Whitespace))
                {
                    CanonicalHref = element.GetAttribute("href");
                }

                break;
            case "meta" when element is IHtmlElement:
                VisitMeta(element);
                break;
            case "title" when element is IHtmlElement && !_titleSeen:
                _titleSeen = true;
                Title = AttributeTokens.CollapseWhitespace(element.TextContent);
                break;
            default:
                break;
        }
    }

    private void VisitMeta(IElement element)
    {
        if (!string.Equals(element.GetAttribute("name")?.Trim(), "robots", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var content = element.GetAttribute("content");
        var none = AttributeTokens.Contains(content, "none", AttributeTokens.CommaOrWhitespace);
        MetaNoFollow |= none || AttributeTokens.Contains(content, "nofollow", AttributeTokens.CommaOrWhitespace);
        MetaNoIndex |= none || AttributeTokens.Contains(content, "noindex", AttributeTokens.CommaOrWhitespace);
    }
}
