using System.Collections.Frozen;
using System.Reflection;

namespace Crawler.Silo.Dashboard;

/// <summary>
/// The page's files (HTML, CSS, JavaScript), embedded in the assembly, so any host of the dashboard serves them: the
/// silo from <c>dotnet run</c> or its publish folder, and the <c>crawler</c> CLI's embedded silo.
/// </summary>
internal static class DashboardAssets
{
    private const string ResourcePrefix = "Crawler.Silo.Dashboard.Assets.";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static bool TryGet(string name, out byte[] content, out string contentType)
    {
        if (Files.TryGetValue(name, out var file))
        {
            (content, contentType) = file;
            return true;
        }

        (content, contentType) = ([], "");
        return false;
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            files[name] = (Read(assembly, resource), ContentTypeOf(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
