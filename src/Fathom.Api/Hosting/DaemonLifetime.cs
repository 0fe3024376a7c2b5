using Microsoft.Extensions.Hosting;

namespace Fathom.Api.Hosting;

/// <summary>
/// The web host's lifetime without ConsoleLifetime's signal handlers: fathomd owns SIGINT, SIGTERM
/// and SIGHUP and stops the API as one of its parts, in order.
/// </summary>
internal sealed class DaemonLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
