namespace Crawler.Grains.Links;

/// <summary>The tag names <see cref="HtmlScanner"/> acts on; every other name is <see cref="Other"/>.</summary>
internal enum HtmlTagName : byte
{
    Other,
    A,
    Area,
    Base,
    Link,
    Meta,
    Title,
    Svg,
    Math,
    Template,
    Plaintext,
    Script,
    Style,
    Xmp,
    Iframe,
    Noembed,
    Noframes,
    Textarea,
}
