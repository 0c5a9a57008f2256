using Crawler.Runtime.Messaging;

namespace Crawler.Runtime.Substrate.InMemory;

/// <summary>
/// Numbers the grain types and methods of queued messages, so a record holds a small index instead of each name.
/// Guarded by the substrate's lock.
/// </summary>
internal sealed class MessageVocabulary
{
    private readonly Dictionary<string, int> _typeIndexes = new(StringComparer.Ordinal);
    private readonly List<string> _types = [];
    private readonly Dictionary<GrainMethod, int> _methodIndexes = [];
    private readonly List<GrainMethod> _methods = [];

    public int IndexOf(string grainType) => Number(_typeIndexes, _types, grainType);

    /// <summary>A method's index; methods are compared by reference, as <see cref="GrainMethod.For"/> makes one per method.</summary>
    public int IndexOf(GrainMethod method) => Number(_methodIndexes, _methods, method);

    public string TypeAt(int index) => _types[index];

    public GrainMethod MethodAt(int index) => _methods[index];

    private static int Number<T>(Dictionary<T, int> indexes, List<T> values, T value)
        where T : notnull
    {
        if (!indexes.TryGetValue(value, out var index))
        {
            index = values.Count;
            values.Add(value);
            indexes.Add(value, index);
        }

        return index;
    }
}
