namespace Crawler.Grains.Urls;

/// <summary>Where one query parameter sits in its query, and its original position for a stable sort.</summary>
internal readonly record struct QueryParameter(int Start, int Length, int NameLength, int Index);
