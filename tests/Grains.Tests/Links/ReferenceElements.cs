using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Svg.Dom;
using Crawler.Grains.Links;

namespace Crawler.Grains.Tests.Links;

/// <summary>
/// The reference the scanner is checked against: AngleSharp's full HTML5 parse of the page, walked in document
/// order, feeding the same <see cref="PageElements"/> rules. Only for the tests: it is slow, and quadratic on
/// hostile nesting.
/// </summary>
internal static class ReferenceElements
{
    private static readonly HtmlParserOptions Options = new() { IsScripting = false };

    public static PageElements Collect(string html)
    {
        using var document = new HtmlParser(Options).ParseDocument(html);
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
                Visit(elements, element);
                if (element.HasChildNodes)
                {
                    pending.Push((element, 0));
                }
            }
        }

        return elements;
    }

    private static void Visit(PageElements elements, IElement element)
    {
        switch (element.LocalName)
        {
            case "a" when element is IHtmlElement or ISvgElement:
            case "area" when element is IHtmlElement:
                elements.OnAnchor(element.GetAttribute("href"), element.GetAttribute("rel"));
                break;
            case "base" when element is IHtmlElement:
                elements.OnBase(element.GetAttribute("href"));
                break;
            case "link" when element is IHtmlElement:
                elements.OnLink(element.GetAttribute("rel"), element.GetAttribute("href"));
                break;
            case "meta" when element is IHtmlElement:
                elements.OnMeta(element.GetAttribute("name"), element.GetAttribute("content"));
                break;
            case "title" when element is IHtmlElement:
                elements.OnTitle(element.TextContent);
                break;
            default:
                break;
        }
    }
}
