namespace Crawler.Runtime.Substrate;

public enum SiloStatus
{
    Joining,
    Active,
    ShuttingDown,
    Dead,
}
