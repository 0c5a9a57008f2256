using System.Net.Http.Json;
using System.Text.Json;

namespace Crawler.Silo.Tests.Infrastructure;

/// <summary>HTTP helpers for the gateway's JSON and NDJSON answers.</summary>
public static class Ndjson
{
    /// <summary>Every line of an NDJSON response, read to its end.</summary>
    public static async Task<List<JsonElement>> ReadAllAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<JsonElement>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        return lines;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    /// <summary>A submission body as a client would write it: polite settings relaxed for a loopback site.</summary>
    public static JsonContent Submission(string? jobId, params string[] seeds) =>
        JsonContent.Create(new { jobId, spec = new { seeds, minDelay = "00:00:00", perHostConcurrency = 8 } });
}
