namespace Crawler.Runtime.Tests.TestGrains;

public interface IStateGrain : IGrainWithStringKey
{
    /// <summary>Adds to the value and writes the state.</summary>
    Task Add(int amount);

    Task<int> GetValue();

    /// <summary>Adds, writes the state, sends a one-way message to an inbox grain, then throws.</summary>
    Task AddSendAndFail(int amount, string inbox);

    /// <summary>Signals "state-turn-started:{key}", waits for signal <paramref name="gate"/>, then as <see cref="AddSendAndFail"/>.</summary>
    Task AddAndFailWhenSignalled(int amount, string gate);

    Task<string> Where();

    Task Deactivate();
}
