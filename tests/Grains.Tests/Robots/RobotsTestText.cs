using System.Text;
using Crawler.Grains.Robots;

namespace Crawler.Grains.Tests.Robots;

/// <summary>Parses robots.txt written as test text.</summary>
internal static class RobotsTestText
{
    public const string Agent = "CrawlerBot";

    public static RobotsTxt Parse(string content) => RobotsTxt.Parse(Encoding.UTF8.GetBytes(content));

    public static RobotsRules Rules(string content, string agent = Agent) => Parse(content).For(agent);

    public static bool IsAllowed(string content, string path, string agent = Agent) => Rules(content, agent).IsAllowed(path);
}
