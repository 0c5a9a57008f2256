namespace Crawler.SyntheticSite;

/// <summary>What a link points to, and so how the site answers for it.</summary>
public enum LinkKind
{
    /// <summary>A page: answers 200 with HTML.</summary>
    Page,

    /// <summary>A redirect <c>/r/{t}</c> on the host of page t: answers 301 to page t.</summary>
    Redirect,

    /// <summary>A missing URL <c>/missing/{i}-{j}</c> on the source page's host: answers 404.</summary>
    NotFound,

    /// <summary>A URL <c>/ext/{i}-{j}</c> on the external host: answers 200 with no links.</summary>
    External,
}
