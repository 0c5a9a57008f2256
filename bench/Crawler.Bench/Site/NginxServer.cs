using System.Diagnostics;
using System.Globalization;
using System.Net;
using Crawler.Bench.Processes;

namespace Crawler.Bench.Site;

/// <summary>
/// Debian's nginx serving a directory on a loopback port, in its own process, with one worker (the crawler gets the
/// other core) and keep-alive without a request limit, so the crawler, not the server, is what is measured. Given a
/// fallback page, it answers every path with that one file (robots.txt excepted), which makes an endless site.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;

    private NginxServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static Task<NginxServer> StartAsync(string root, string workDirectory, CancellationToken cancellationToken) =>
        StartAsync(root, workDirectory, fallbackPage: null, cancellationToken);

    /// <param name="fallbackPage">A file under <paramref name="root"/> (as "/page.html") served for every path, or null to serve the files as they are.</param>
    public static async Task<NginxServer> StartAsync(string root, string workDirectory, string? fallbackPage, CancellationToken cancellationToken)
    {
        var executable = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var port = FreePort.Next();
        Directory.CreateDirectory(workDirectory);
        var config = Path.Combine(workDirectory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(root, workDirectory, port, fallbackPage), cancellationToken);
        var start = new ProcessStartInfo(executable, ["-c", config, "-p", workDirectory, "-e", Path.Combine(workDirectory, "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var server = new NginxServer(process, port);
        await server.WaitUntilServingAsync(fallbackPage is null ? StaticSite.SeedPath : "/", cancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(string probePath, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await _process.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            try
            {
                using var response = await client.GetAsync($"{BaseUrl}{probePath}", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new InvalidOperationException($"nginx does not serve {BaseUrl}{probePath}.");
    }

    private static string Config(string root, string workDirectory, int port, string? fallbackPage) => string.Create(CultureInfo.InvariantCulture, $$"""
        worker_processes 1;
        daemon off;
        pid {{Path.Combine(workDirectory, "nginx.pid")}};
        events { worker_connections 4096; }
        http {
          access_log off;
          sendfile on;
          tcp_nodelay on;
          keepalive_requests 1000000;
          keepalive_timeout 120s;
          client_body_temp_path {{workDirectory}}/body;
          proxy_temp_path {{workDirectory}}/proxy;
          fastcgi_temp_path {{workDirectory}}/fastcgi;
          uwsgi_temp_path {{workDirectory}}/uwsgi;
          scgi_temp_path {{workDirectory}}/scgi;
          types { text/html html; }
          default_type application/octet-stream;
          server {
            listen 127.0.0.1:{{port}};
            root {{root}};
            {{FallbackLocations(fallbackPage)}}
          }
        }
        """);

    /// <summary>Every path gets the fallback page, but robots.txt stays a 404 (everything allowed), not an HTML page.</summary>
    private static string FallbackLocations(string? fallbackPage) => fallbackPage is null
        ? ""
        : "location = /robots.txt { return 404; }\n    location / { try_files " + fallbackPage + " =404; }";
}
