using System.Net;
using Fathom.Core.Storage;
using Fathom.Lookup.Client;
using Fathom.Lookup.Records;
using Fathom.Lookup.Registration;
using Fathom.Lookup.Server;
using Fathom.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fathom.Lookup.Tests.Registration;

/// <summary>The registrar against the real lookup server when the server already holds its record (a 403 duplicate).</summary>
public sealed class RegistrarDuplicateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Register_ServerHoldsOurRecordStateLost_TakesItOverNoDuplicateNoFailure()
    {
        var dir = Directory.CreateTempSubdirectory("fathom-dup-");
        try
        {
            await using var server = await LookupServer.StartAsync(
                new LookupServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0), StorePath = Path.Combine(dir.FullName, "lookup.db") },
                NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None).WaitAsync(Deadline);
            var url = new Uri(server.Addresses[0].TrimEnd('/') + "/lookup/records");
            using var http = new HttpClient();
            var state = new MemoryArchiveState();
            var options = new RegistrarOptions { Ttl = TimeSpan.FromMinutes(30), CheckInterval = TimeSpan.FromMinutes(5) };

            // A first registrar registers the host record; then its saved records are lost (the
            // client-uuid is kept), as when a kill falls between the server's answer and the save.
            string uri;
            await using (var first = new Registrar(options, state, http, TimeProvider.System, NullLogger.Instance))
            {
                first.Update([url], [Host()]);
                uri = await UntilAsync(() => first.Status().Servers.SingleOrDefault()?.Records.SingleOrDefault()?.Uri);
                await first.AbandonAsync();
            }

            foreach (var name in state.List("lookup/record/").Keys)
            {
                state.Set(name, null);
            }

            var metrics = new Fathom.Core.Instrumentation.MetricRegistry("test");
            await using var second = new Registrar(options, state, http, TimeProvider.System, NullLogger.Instance, new RegistrarMetrics(metrics));
            second.Update([url], [Host()]);

            Assert.Equal(uri, await UntilAsync(() => second.Status().Servers.SingleOrDefault()?.Records.SingleOrDefault()?.Uri));
            var client = new SlsClient(http, url, TimeSpan.FromSeconds(10));
            var held = await client.QueryAsync([new(LookupKeys.Type, "host")], CancellationToken.None).WaitAsync(Deadline);
            Assert.Equal([uri], held!.Select(r => r.Uri));
            Assert.Equal(0, metrics.Find("lookup.failures")!.Raw());
            Assert.Equal(1, metrics.Find("lookup.registered")!.Raw());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static DesiredRecord Host() =>
        new(DesiredRecord.HostKey, new LookupRecord().Set(LookupKeys.Type, "host").Set(LookupKeys.HostName, "dup.example.net"));

    private static async Task<string> UntilAsync(Func<string?> value)
    {
        var end = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (value() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < end, "no uri in time");
            await Task.Delay(20);
        }
    }
}
