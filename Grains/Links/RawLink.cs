namespace Crawler.Grains.Links;

/// <summary>An href as written on an a or area element, before resolution.</summary>
internal readonly record struct RawLink(string Href, bool NoFollow);
