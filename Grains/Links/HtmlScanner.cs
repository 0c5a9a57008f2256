namespace Crawler.Grains.Links;

/// <summary>
/// Reads what link extraction needs from an HTML page in one forward pass, without building a tree: a, area, base,
/// link, meta and title, with the HTML standard's tokenizer rules for tags, attributes, comments, character references
/// and the raw-text elements (script, style and the like, whose content is never markup). It is written by hand
/// because a full parser builds a document the crawler throws away: AngleSharp spends about 100 times as long per page
/// and is quadratic on hostile nesting, while this pass is linear and allocates only the strings it returns.
/// </summary>
/// <remarks>
/// The tree builder's effects that matter for links are modeled: template contents are not part of the document,
/// svg and math are foreign content (an svg <c>a</c> is a link, an svg <c>title</c> is not the page's title, and the
/// HTML start tags that break out of foreign content end it). Not modeled, so these differ from a browser's DOM:
/// script data's escaped states (<c>&lt;!--&lt;script&gt;</c> inside a script), elements a browser drops (an
/// <c>a</c> inside <c>select</c>), and frameset documents. The corpus test compares this with AngleSharp.
/// </remarks>
internal sealed class HtmlScanner
{
    // The links list starts with room for one link per this many characters, so a link-dense page does not copy it as
    // it grows; a sparse page leaves some of that room unused.
    private const int CharactersPerLinkEstimate = 256;

    // HTML start tags that close open svg/math elements (the standard's "in foreign content" rules).
    private static readonly HashSet<string> ForeignBreakers = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1", "h2",
        "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre",
        "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    };

    private readonly string _html;
    private readonly PageElements _page;
    private int _position;
    private int _svgDepth;
    private int _mathDepth;
    private int _templateDepth;
    private TagAttributes _attributes;

    private HtmlScanner(string html)
    {
        _html = html;
        _page = new PageElements(Math.Clamp(html.Length / CharactersPerLinkEstimate, 4, 4096));
    }

    private bool InForeignContent => _svgDepth > 0 || _mathDepth > 0;

    public static PageElements Scan(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var scanner = new HtmlScanner(html);
        scanner.Run();
        return scanner._page;
    }

    private void Run()
    {
        var html = _html;
        while (_position < html.Length)
        {
            var open = html.IndexOf('<', _position);
            if (open < 0 || open + 1 >= html.Length)
            {
                return;
            }

            _position = open + 1;
            var c = html[_position];
            if (c == '!')
            {
                SkipMarkupDeclaration();
            }
            else if (c == '?')
            {
                SkipTo('>');
            }
            else if (c == '/')
            {
                EndTag();
            }
            else if (char.IsAsciiLetter(c))
            {
                if (!StartTag())
                {
                    return;
                }
            }
        }
    }

    /// <summary>Comments, the doctype, CDATA sections (in foreign content) and bogus comments.</summary>
    private void SkipMarkupDeclaration()
    {
        var html = _html.AsSpan();
        var rest = html[(_position + 1)..];
        if (rest.StartsWith("--"))
        {
            var body = _position + 3;
            if (body < html.Length && html[body] == '>')
            {
                _position = body + 1;
                return;
            }

            if (html[body..].StartsWith("->"))
            {
                _position = body + 2;
                return;
            }

            _position = CommentEnd(body);
            return;
        }

        if (InForeignContent && rest.StartsWith("[CDATA["))
        {
            var end = _html.IndexOf("]]>", _position, StringComparison.Ordinal);
            _position = end < 0 ? _html.Length : end + 3;
            return;
        }

        SkipTo('>');
    }

    /// <summary>The index after the "--&gt;" or "--!&gt;" that ends a comment whose text starts at <paramref name="body"/>.</summary>
    private int CommentEnd(int body)
    {
        var dashes = _html.IndexOf("--", body, StringComparison.Ordinal);
        while (dashes >= 0)
        {
            var after = dashes + 2;
            if (after < _html.Length && _html[after] == '>')
            {
                return after + 1;
            }

            if (after + 1 < _html.Length && _html[after] == '!' && _html[after + 1] == '>')
            {
                return after + 2;
            }

            dashes = _html.IndexOf("--", dashes + 1, StringComparison.Ordinal);
        }

        return _html.Length;
    }

    private void EndTag()
    {
        var nameStart = _position + 1;
        if (nameStart >= _html.Length)
        {
            _position = _html.Length;
            return;
        }

        if (_html[nameStart] == '>')
        {
            _position = nameStart + 1;
            return;
        }

        if (!char.IsAsciiLetter(_html[nameStart]))
        {
            SkipTo('>');
            return;
        }

        _position = nameStart;
        var name = ReadTagName();
        if (!ReadAttributes(record: false, out _))
        {
            _position = _html.Length;
            return;
        }

        // Most end tags close none of these, so the depths are tested before the names.
        if (_svgDepth > 0 && Is(name, "svg"))
        {
            _svgDepth--;
        }
        else if (_mathDepth > 0 && Is(name, "math"))
        {
            _mathDepth--;
        }
        else if (_templateDepth > 0 && !InForeignContent && Is(name, "template"))
        {
            _templateDepth--;
        }
    }

    /// <summary>Reads a start tag and what it implies; false when the page ends inside it (such a tag is dropped).</summary>
    private bool StartTag()
    {
        var name = ReadTagName();
        var tag = Classify(name);
        _attributes.Clear();
        if (!ReadAttributes(record: HasAttributesToRead(tag), out var selfClosing))
        {
            return false;
        }

        if (InForeignContent && IsForeignBreaker(name))
        {
            _svgDepth = 0;
            _mathDepth = 0;
        }

        if (InForeignContent)
        {
            ForeignStartTag(tag, selfClosing);
            return true;
        }

        if (_templateDepth > 0)
        {
            if (tag == HtmlTagName.Template)
            {
                _templateDepth++;
            }

            SkipRawTextOf(tag);
            return true;
        }

        switch (tag)
        {
            case HtmlTagName.A:
            case HtmlTagName.Area:
                OnAnchor();
                break;
            case HtmlTagName.Base:
                _page.OnBase(_attributes.Href(_html));
                break;
            case HtmlTagName.Link:
                _page.OnLink(_attributes.Rel(_html), _attributes.Href(_html));
                break;
            case HtmlTagName.Meta:
                _page.OnMeta(_attributes.Name(_html), _attributes.Content(_html));
                break;
            case HtmlTagName.Title:
                _page.OnTitle(CharacterReferences.Decode(ReadUntilEndTag("title"), inAttribute: false));
                break;
            case HtmlTagName.Svg:
                _svgDepth += selfClosing ? 0 : 1;
                break;
            case HtmlTagName.Math:
                _mathDepth += selfClosing ? 0 : 1;
                break;
            case HtmlTagName.Template:
                _templateDepth++;
                break;
            case HtmlTagName.Plaintext:
                _position = _html.Length;
                break;
            default:
                SkipRawTextOf(tag);
                break;
        }

        return true;
    }

    /// <summary>In svg or math: an svg <c>a</c> is a link; nothing switches to raw text; svg and math nest.</summary>
    private void ForeignStartTag(HtmlTagName tag, bool selfClosing)
    {
        if (_templateDepth == 0 && _mathDepth == 0 && tag == HtmlTagName.A)
        {
            OnAnchor();
        }

        if (!selfClosing && tag == HtmlTagName.Svg)
        {
            _svgDepth++;
        }
        else if (!selfClosing && tag == HtmlTagName.Math)
        {
            _mathDepth++;
        }
    }

    private void OnAnchor()
    {
        if (_attributes.TryGetHref(_html, out var href))
        {
            _page.OnAnchor(href, _attributes.Rel(_html));
        }
    }

    /// <summary>
    /// Skips the content of the elements whose content is text, never markup (title is read where it counts, and
    /// skipped like these elsewhere).
    /// </summary>
    private void SkipRawTextOf(HtmlTagName tag)
    {
        var element = tag switch
        {
            HtmlTagName.Script => "script",
            HtmlTagName.Style => "style",
            HtmlTagName.Xmp => "xmp",
            HtmlTagName.Iframe => "iframe",
            HtmlTagName.Noembed => "noembed",
            HtmlTagName.Noframes => "noframes",
            HtmlTagName.Textarea => "textarea",
            HtmlTagName.Title => "title",
            _ => null,
        };
        if (element is not null)
        {
            ReadUntilEndTag(element);
        }
    }

    /// <summary>
    /// Reads text up to the end tag named <paramref name="name"/> (any case, followed by whitespace, '/' or '&gt;')
    /// and moves past that end tag; without one, to the end of the page.
    /// </summary>
    private ReadOnlySpan<char> ReadUntilEndTag(string name)
    {
        var start = _position;
        var search = _position;
        while (true)
        {
            var close = _html.IndexOf("</", search, StringComparison.Ordinal);
            if (close < 0)
            {
                _position = _html.Length;
                return _html.AsSpan(start);
            }

            var nameStart = close + 2;
            var after = nameStart + name.Length;
            if (after <= _html.Length
                && _html.AsSpan(nameStart, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (after == _html.Length || IsWhitespace(_html[after]) || _html[after] is '/' or '>'))
            {
                _position = nameStart;
                ReadTagName();
                if (!ReadAttributes(record: false, out _))
                {
                    _position = _html.Length;
                }

                return _html.AsSpan(start, close - start);
            }

            search = nameStart;
        }
    }

    private ReadOnlySpan<char> ReadTagName()
    {
        var start = _position;
        var html = _html.AsSpan();
        while (_position < html.Length && !IsWhitespace(html[_position]) && html[_position] is not ('/' or '>'))
        {
            _position++;
        }

        return html[start.._position];
    }

    /// <summary>
    /// Reads attributes up to and past the tag's '&gt;' per the standard's attribute states, recording those
    /// link extraction reads. False when the page ends first.
    /// </summary>
    private bool ReadAttributes(bool record, out bool selfClosing)
    {
        selfClosing = false;
        var html = _html.AsSpan();
        var p = _position;
        while (true)
        {
            while (p < html.Length && IsWhitespace(html[p]))
            {
                p++;
            }

            if (p >= html.Length)
            {
                _position = p;
                return false;
            }

            if (html[p] == '>')
            {
                _position = p + 1;
                return true;
            }

            if (html[p] == '/')
            {
                p++;
                if (p < html.Length && html[p] == '>')
                {
                    selfClosing = true;
                    _position = p + 1;
                    return true;
                }

                continue;
            }

            // The name runs to whitespace, '/', '>' or '='; a leading '=' belongs to it.
            var nameStart = p++;
            while (p < html.Length && !IsWhitespace(html[p]) && html[p] is not ('/' or '>' or '='))
            {
                p++;
            }

            var name = html[nameStart..p];
            var afterName = p;
            while (p < html.Length && IsWhitespace(html[p]))
            {
                p++;
            }

            if (p >= html.Length || html[p] != '=')
            {
                // No value; what follows is the next attribute (or the tag's end).
                if (record)
                {
                    _attributes.Record(name, new Range(afterName, afterName));
                }

                continue;
            }

            p++;
            while (p < html.Length && IsWhitespace(html[p]))
            {
                p++;
            }

            if (p >= html.Length)
            {
                _position = p;
                return false;
            }

            Range value;
            if (html[p] is '"' or '\'')
            {
                var close = html[(p + 1)..].IndexOf(html[p]);
                if (close < 0)
                {
                    _position = html.Length;
                    return false;
                }

                value = new Range(p + 1, p + 1 + close);
                p += close + 2;
            }
            else if (html[p] == '>')
            {
                value = new Range(p, p);
            }
            else
            {
                var valueStart = p;
                while (p < html.Length && !IsWhitespace(html[p]) && html[p] != '>')
                {
                    p++;
                }

                value = new Range(valueStart, p);
            }

            if (record)
            {
                _attributes.Record(name, value);
            }
        }
    }

    private void SkipTo(char c)
    {
        var end = _html.IndexOf(c, _position);
        _position = end < 0 ? _html.Length : end + 1;
    }

    /// <summary>
    /// The name's kind, read once per tag: only the names of its length are compared, each with the ordinal
    /// ignore-case comparison every name check here uses.
    /// </summary>
    private static HtmlTagName Classify(ReadOnlySpan<char> name) => name.Length switch
    {
        1 when Is(name, "a") => HtmlTagName.A,
        3 when Is(name, "svg") => HtmlTagName.Svg,
        3 when Is(name, "xmp") => HtmlTagName.Xmp,
        4 when Is(name, "area") => HtmlTagName.Area,
        4 when Is(name, "base") => HtmlTagName.Base,
        4 when Is(name, "link") => HtmlTagName.Link,
        4 when Is(name, "meta") => HtmlTagName.Meta,
        4 when Is(name, "math") => HtmlTagName.Math,
        5 when Is(name, "title") => HtmlTagName.Title,
        5 when Is(name, "style") => HtmlTagName.Style,
        6 when Is(name, "script") => HtmlTagName.Script,
        6 when Is(name, "iframe") => HtmlTagName.Iframe,
        7 when Is(name, "noembed") => HtmlTagName.Noembed,
        8 when Is(name, "template") => HtmlTagName.Template,
        8 when Is(name, "noframes") => HtmlTagName.Noframes,
        8 when Is(name, "textarea") => HtmlTagName.Textarea,
        9 when Is(name, "plaintext") => HtmlTagName.Plaintext,
        _ => HtmlTagName.Other,
    };

    private static bool HasAttributesToRead(HtmlTagName tag) =>
        tag is HtmlTagName.A or HtmlTagName.Area or HtmlTagName.Base or HtmlTagName.Link or HtmlTagName.Meta;

    private static bool IsForeignBreaker(ReadOnlySpan<char> name) =>
        name.Length <= 10 && ForeignBreakers.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    private static bool Is(ReadOnlySpan<char> name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}
