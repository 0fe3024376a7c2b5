using Fathom.Core.Native;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Core.Processes;

/// <summary>
/// The pipes of one spawn: parent ends as non-blocking streams (no thread waits on a quiet
/// child), child ends as fds to dup2 into place.
/// Every fd is created close-on-exec, so only what is dup2'ed reaches the child.
/// </summary>
internal sealed unsafe class PipeSet
{
    private readonly List<int> _childEnds = [];
    private readonly List<Stream> _parentEnds = [];
    private readonly List<(int Source, int Target)> _dups = [];

    public PipeSet(SpawnOptions options)
    {
        try
        {
            var highest = 2;
            foreach (var p in options.ExtraPipes)
            {
                highest = Math.Max(highest, p.ChildFd);
            }

            StandardInput = Std(options.StandardInput, 0, childWrites: false, highest);
            StandardOutput = Std(options.StandardOutput, 1, childWrites: true, highest);
            StandardError = Std(options.StandardError, 2, childWrites: true, highest);
            var extra = new List<Stream>(options.ExtraPipes.Count);
            foreach (var p in options.ExtraPipes)
            {
                extra.Add(Create(p.ChildFd, p.ChildWrites, highest));
            }

            Extra = extra;
        }
        catch
        {
            CloseChildEnds();
            DisposeParentEnds();
            throw;
        }
    }

    public Stream? StandardInput { get; }

    public Stream? StandardOutput { get; }

    public Stream? StandardError { get; }

    public IReadOnlyList<Stream> Extra { get; } = [];

    public IReadOnlyList<(int Source, int Target)> Dups => _dups;

    public List<int> DevNull { get; } = [];

    public void CloseChildEnds()
    {
        foreach (var fd in _childEnds)
        {
            Libc.close(fd);
        }

        _childEnds.Clear();
    }

    public void DisposeParentEnds()
    {
        foreach (var s in _parentEnds)
        {
            s.Dispose();
        }
    }

    private Stream? Std(StdioMode mode, int target, bool childWrites, int highest)
    {
        switch (mode)
        {
            case StdioMode.Pipe:
                return Create(target, childWrites, highest);
            case StdioMode.Null:
                DevNull.Add(target);
                return null;
            default:
                return null;
        }
    }

    private NonBlockingPipeStream Create(int target, bool childWrites, int highest)
    {
        var fds = stackalloc int[2];
        Libc.Check(Libc.pipe2(fds, Libc.O_CLOEXEC), "pipe2");
        var (parentFd, childFd) = childWrites ? (fds[0], fds[1]) : (fds[1], fds[0]);
        var handle = new SafeFileHandle(parentFd, ownsHandle: true);
        NonBlockingPipeStream stream;
        try
        {
            stream = new NonBlockingPipeStream(handle, reads: childWrites);
        }
        catch
        {
            handle.Dispose();
            Libc.close(childFd);
            throw;
        }

        _parentEnds.Add(stream);

        // Move the child's end above every target fd, so one dup2 can never clobber another's source.
        if (childFd <= highest)
        {
            var moved = Libc.fcntl(childFd, Libc.F_DUPFD_CLOEXEC, highest + 1);
            Libc.close(childFd);
            Libc.Check(moved, "fcntl(F_DUPFD_CLOEXEC)");
            childFd = moved;
        }

        _childEnds.Add(childFd);
        _dups.Add((childFd, target));
        return stream;
    }
}
