using System.Runtime.InteropServices;
using Fathom.Core.Native;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Core.Processes;

/// <summary>
/// Our end of a pipe to a child, in non-blocking mode: asynchronous reads and writes wait in
/// <see cref="PipeReactor"/> (no thread is held while the child is quiet); synchronous ones in poll(2).
/// The child's end is a separate open file, so it stays blocking.
/// </summary>
internal sealed class NonBlockingPipeStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly bool _reads;
    private bool _registered;
    private long _pending;
    private volatile bool _disposed;

    public NonBlockingPipeStream(SafeFileHandle handle, bool reads)
    {
        _handle = handle;
        _reads = reads;
        var fd = (int)handle.DangerousGetHandle();
        var flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        Libc.Check(flags, "fcntl(F_GETFL)");
        Libc.Check(Libc.fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK), "fcntl(F_SETFL)");
    }

    public override bool CanRead => _reads && !_disposed;

    public override bool CanWrite => !_reads && !_disposed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        while (true)
        {
            fixed (byte* p = buffer)
            {
                if (TryTransfer(p, buffer.Length, out var n))
                {
                    return n;
                }
            }

            Poll(Libc.PollIn);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryTransfer(buffer, out var n))
            {
                return n;
            }

            await PipeReactor.WaitAsync(Fd(), Libc.EPOLLIN, ref _registered, out _pending, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            fixed (byte* p = buffer)
            {
                if (TryTransfer(p, buffer.Length, out var n))
                {
                    buffer = buffer[n..];
                    continue;
                }
            }

            Poll(Libc.PollOut);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryTransfer(MemoryMarshal.AsMemory(buffer), out var n))
            {
                buffer = buffer[n..];
                continue;
            }

            await PipeReactor.WaitAsync(Fd(), Libc.EPOLLOUT, ref _registered, out _pending, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_registered)
            {
                PipeReactor.Remove((int)_handle.DangerousGetHandle());
            }

            PipeReactor.Wake(Volatile.Read(ref _pending));
            _handle.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Fd()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (int)_handle.DangerousGetHandle();
    }

    private unsafe bool TryTransfer(Memory<byte> buffer, out int transferred)
    {
        using var pin = buffer.Pin();
        return TryTransfer((byte*)pin.Pointer, buffer.Length, out transferred);
    }

    /// <summary>One read(2) or write(2); false when it would block. The handle cannot be closed under the call.</summary>
    private unsafe bool TryTransfer(byte* p, int length, out int transferred)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            var fd = (int)_handle.DangerousGetHandle();
            while (true)
            {
                var n = _reads ? Libc.read(fd, p, (nuint)length) : Libc.write(fd, p, (nuint)length);
                if (n >= 0)
                {
                    transferred = (int)n;
                    return true;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EIntr)
                {
                    continue;
                }

                if (errno == Libc.EAgain)
                {
                    transferred = 0;
                    return false;
                }

                throw new IOException($"{(_reads ? "read from" : "write to")} a child pipe failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
            }
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private unsafe void Poll(short events)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            PollFd pfd = new() { Fd = (int)_handle.DangerousGetHandle(), Events = events };
            while (Libc.poll(&pfd, 1, -1) < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr)
            {
            }
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }
}
