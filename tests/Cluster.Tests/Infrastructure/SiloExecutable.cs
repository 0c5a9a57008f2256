using System.Reflection;

namespace Crawler.Cluster.Tests.Infrastructure;

/// <summary>
/// The silo executable the tests start: the one built with this project (its path is recorded at build time), or
/// the one <c>CRAWLER_CLUSTER_SILO</c> names (a published build, say).
/// </summary>
public static class SiloExecutable
{
    public const string OverrideVariable = "CRAWLER_CLUSTER_SILO";

    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen
                ? chosen
                : typeof(SiloExecutable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "SiloExecutable")?.Value;
            return path is not null && File.Exists(path)
                ? path
                : throw new InvalidOperationException($"The silo executable was not found at '{path}'; build Silo/Silo.csproj or set {OverrideVariable}.");
        }
    }

    /// <summary>The <c>dotnet</c> host that runs it: the one running these tests.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host
            ? host
            : Environment.ProcessPath is { } process && System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
}
