using System.Runtime.InteropServices;
using Fathom.Collectors.Net;
using Fathom.Collectors.Ping;
using Fathom.Collectors.Tests.Net;

namespace Fathom.Collectors.Tests.Ping;

/// <summary>
/// Ping runs over unprivileged ICMP datagram sockets (the kernel owns the identifier, no IP
/// header): the socket is opened inside a namespace whose ping_group_range allows them, so the
/// host's setting is left alone, and the run then uses that endpoint.
/// </summary>
public sealed partial class PingDatagramTests : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly NetLab _lab = new();
    private readonly string _ns;

    public PingDatagramTests()
    {
        try
        {
            _ns = _lab.Namespace("d");
            NetLab.Exec(_ns, "sysctl", "-qw", "net.ipv4.ping_group_range=0 2147483647");
        }
        catch
        {
            _lab.Dispose();
            throw;
        }
    }

    public void Dispose() => _lab.Dispose();

    [Theory]
    [InlineData("127.0.0.1", false, 58)]
    [InlineData("::1", true, 57)]
    public async Task RunAsync_DatagramSocket_EveryProbeAnsweredAndCountedOnce(string target, bool v6, int ttl)
    {
        // Endpoints are shared by (family, TTL): a TTL no other test uses makes the run take this one.
        using var lease = InNamespace(() => PingEndpoints.Acquire(IcmpSocketKind.Datagram, v6, ttl));
        var run = new PingRun(new PingSettings([target], 3, TimeSpan.FromMilliseconds(20), 56, ttl, TimeSpan.FromSeconds(1)), IcmpSocketKind.Datagram);

        for (var i = 0; i < 2; i++)
        {
            await run.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            var t = Assert.Single(run.Targets);
            Assert.Equal(3, t.Sent);
            Assert.Equal(3, t.Stats().Received);
            Assert.Null(t.SendError);
            Assert.Equal(0, t.Errors);
        }

        Assert.Equal(0, lease.Endpoint.Skipped);
    }

    private T InNamespace<T>(Func<T> open)
    {
        // A dedicated thread enters the namespace: a socket belongs to the namespace it was opened in.
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = File.OpenHandle($"/run/netns/{_ns}");
                if (setns((int)ns.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns: errno {Marshal.GetLastPInvokeError()}");
                }

                result = open();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the namespace thread did not finish");
        return failure is null ? result! : throw new InvalidOperationException("opening in the namespace failed", failure);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nsType);
}
