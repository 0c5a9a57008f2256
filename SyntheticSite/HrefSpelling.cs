namespace Crawler.SyntheticSite;

/// <summary>Equivalent ways to write the same link; each normalizes to the target's URL.</summary>
internal enum HrefSpelling
{
    /// <summary><c>/p/7</c></summary>
    PathAbsolute,

    /// <summary><c>http://127.0.0.1:{port}/p/7</c></summary>
    Absolute,

    /// <summary><c>HTTP://127.0.0.1:{port}/p/7</c></summary>
    UpperScheme,

    /// <summary><c>/p/7#section</c>, or the absolute form with a fragment for another host.</summary>
    Fragment,

    /// <summary><c>7</c>, resolved against a /p/ base.</summary>
    Relative,

    /// <summary><c>./7</c>, resolved against a /p/ base.</summary>
    DotRelative,

    /// <summary><c>../p/7</c>, resolved against a /p/ base.</summary>
    DotDotRelative,
}
