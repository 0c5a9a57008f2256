namespace Crawler.Runtime.Catalog;

internal enum ActivationStatus
{
    Created,
    Active,
    Deactivating,
    Dead,
}
