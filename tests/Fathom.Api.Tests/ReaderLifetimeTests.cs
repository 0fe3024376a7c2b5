using System.Net;
using Fathom.Api.Tests.Support;

namespace Fathom.Api.Tests;

/// <summary>The API closes every archive reader it opened when it stops: an open reader would outlive the API part and keep the archive's WAL from being checkpointed at the daemon's stop.</summary>
public sealed class ReaderLifetimeTests
{
    [Fact]
    public async Task Stop_AfterConcurrentReads_EveryReaderClosed()
    {
        var open = 0;
        await using var host = await ApiHost.StartAsync(wrapReader: r =>
        {
            Interlocked.Increment(ref open);
            return new CountingReader(r, () => Interlocked.Decrement(ref open));
        });
        host.Write(Data.Minutes(Data.Key("a.b"), Data.T0, 10));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => host.Client.GetAsync(new Uri("/api/v1/series", UriKind.Relative))))
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(Volatile.Read(ref open) > 0);

        await host.Server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await host.Server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, Volatile.Read(ref open));
    }
}
