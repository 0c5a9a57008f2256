using System.Text.RegularExpressions;
using Crawler.Grains.Interfaces;

namespace Crawler.Grains.Scope;

/// <summary>
/// Decides whether a discovered URL belongs to a crawl job: first by host against the seeds
/// (<see cref="CrawlScope"/>), then by the job's include and exclude regular expressions.
/// </summary>
/// <remarks>Thread-safe: immutable after construction.</remarks>
public sealed class ScopeRules
{
    // A hostile URL must not hang the crawler on a backtracking pattern.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private readonly CrawlScope _scope;
    private readonly ScopeHost[] _seeds;
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    /// <summary>Builds the rules; patterns are compiled once here.</summary>
    /// <exception cref="ArgumentException">
    /// A seed is not an absolute http/https URL, <paramref name="scope"/> needs seeds and there are none,
    /// or a pattern is not a valid .NET regular expression (the message names it).
    /// </exception>
    public ScopeRules(IReadOnlyList<Uri> seeds, CrawlScope scope, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(exclude);
        if (!Enum.IsDefined(scope))
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown crawl scope.");
        }

        if (scope != CrawlScope.Any && seeds.Count == 0)
        {
            throw new ArgumentException($"{scope} scope needs at least one seed.", nameof(seeds));
        }

        _scope = scope;
        _seeds = new ScopeHost[seeds.Count];
        for (var i = 0; i < seeds.Count; i++)
        {
            var seed = seeds[i];
            if (seed is null || !seed.IsAbsoluteUri || !IsHttp(seed))
            {
                throw new ArgumentException($"Seed '{seed}' is not an absolute http or https URL.", nameof(seeds));
            }

            _seeds[i] = ScopeHost.From(seed);
        }

        _include = Compile(include, "Include", nameof(include));
        _exclude = Compile(exclude, "Exclude", nameof(exclude));
    }

    /// <summary>
    /// True when <paramref name="url"/> is an absolute http/https URL within the scope of some seed, matches
    /// at least one include pattern (when there are any) and no exclude pattern. Patterns are matched
    /// (unanchored) against the URL as it was written (<see cref="Uri.OriginalString"/>), which for links
    /// from UrlNormalizer is the normalized form. A pattern that times out puts the URL out of scope.
    /// </summary>
    public bool IsInScope(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || !IsHttp(url) || !IsInHostScope(url))
        {
            return false;
        }

        var text = url.OriginalString;
        try
        {
            return (_include.Length == 0 || MatchesAny(_include, text)) && !MatchesAny(_exclude, text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private bool IsInHostScope(Uri url)
    {
        if (_scope == CrawlScope.Any)
        {
            return true;
        }

        var candidate = ScopeHost.From(url);
        foreach (var seed in _seeds)
        {
            var inScope = _scope == CrawlScope.Host
                ? seed.IsSameHost(candidate) && seed.Port == candidate.Port && seed.Scheme == candidate.Scheme
                : seed.ContainsHost(candidate);
            if (inScope)
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesAny(Regex[] patterns, string text)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex[] Compile(IReadOnlyList<string> patterns, string kind, string parameterName)
    {
        var compiled = new Regex[patterns.Count];
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i] ?? throw new ArgumentException($"{kind} pattern #{i + 1} is null.", parameterName);
            try
            {
                compiled[i] = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
            }
            catch (ArgumentException exception)
            {
                throw new ArgumentException(
                    $"{kind} pattern '{pattern}' is not a valid regular expression: {exception.Message}", parameterName, exception);
            }
        }

        return compiled;
    }

    private static bool IsHttp(Uri url) =>
        url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;
}
