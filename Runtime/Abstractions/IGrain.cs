namespace Crawler.Runtime;

/// <summary>Marker for grain interfaces; a grain is addressed by its type and key.</summary>
public interface IGrain;
