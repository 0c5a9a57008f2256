using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace Crawler.Grains.Links;

/// <summary>
/// Tokenizer middleware that keeps hostile nesting from stalling the parser. AngleSharp's tree builder
/// scans its stack of open elements for many tags, so a few hundred kilobytes of unclosed or misnested
/// tags (<c>&lt;b&gt;&lt;div&gt;&lt;/b&gt;</c> repeated) take minutes. Once about
/// <see cref="MaxOpenElements"/> elements may be open, further start tags are dropped, except the ones
/// link extraction reads and the ones that switch the tokenizer into raw text (so script text never
/// turns into markup). One instance serves one parse.
/// </summary>
internal sealed class NestingGuard
{
    /// <summary>Twice the depth at which AngleSharp, like browsers, stops nesting elements; far above real pages.</summary>
    public const int MaxOpenElements = 1024;

    // Errs high on purpose: only an end tag naming the innermost open element counts as closing. Modeling
    // implied closing (<p><p>, </div> closing an open <p>) or misnesting would let crafted input make the
    // estimate fall behind the real depth; overcounting on sloppy pages only drops tags extraction never reads.
    private readonly List<string> _open = [];

    public TokenConsumptionResult Forward(ref StructHtmlToken token, TokenConsumer next)
    {
        if (token.Type == HtmlTokenType.StartTag)
        {
            ReadOnlySpan<char> name = token.Name;
            if (!IsVoid(name))
            {
                if (_open.Count >= MaxOpenElements && !MustKeep(name))
                {
                    return TokenConsumptionResult.Continue;
                }

                _open.Add(token.Name.ToString());
            }
        }
        else if (token.Type == HtmlTokenType.EndTag && _open.Count > 0)
        {
            ReadOnlySpan<char> name = token.Name;
            if (name.SequenceEqual(_open[^1]))
            {
                _open.RemoveAt(_open.Count - 1);
            }
        }

        next(ref token);
        return TokenConsumptionResult.Continue;
    }

    private static bool IsVoid(ReadOnlySpan<char> name) => name is
        "area" or "base" or "basefont" or "bgsound" or "br" or "col" or "embed" or "frame" or "hr" or "img"
        or "input" or "keygen" or "link" or "meta" or "param" or "source" or "track" or "wbr";

    private static bool MustKeep(ReadOnlySpan<char> name) => name is
        "a" or "title" or "script" or "style" or "textarea" or "xmp" or "iframe" or "noembed" or "noframes"
        or "plaintext";
}
