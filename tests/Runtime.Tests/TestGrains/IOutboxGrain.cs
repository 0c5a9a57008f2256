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

    /// <summary>
    /// Appends to stream <see cref="OutboxGrain.Stream"/>: "report" a <see cref="WorkReport"/>, "list" a list (a
    /// generic type, which no substrate may store), "nan" a <see cref="Measurement"/> of NaN (no JSON number).
    /// </summary>
    Task Append(string kind, int id);
}
