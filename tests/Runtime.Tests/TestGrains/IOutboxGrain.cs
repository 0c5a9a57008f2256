namespace Crawler.Runtime.Tests.TestGrains;

public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>Sends to the inbox, sets signal "sent:{message}", then waits for signal "release:{message}".</summary>
    Task SendAndWait(string inbox, string message);

    /// <summary>Sends to the inbox, then throws.</summary>
    Task SendAndFail(string inbox, string message);

    Task Send(string inbox, string message);

    /// <summary>Sends the number to the inbox (<see cref="IInboxGrain.DeliverNumber"/>).</summary>
    Task SendNumber(string inbox, double value);
}
