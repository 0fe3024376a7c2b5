using System.Runtime.InteropServices;
using Fathom.Core.Native;

namespace Fathom.Core.Processes;

/// <summary>One posix_spawn call: argv, envp, file actions and attributes built in unmanaged memory.</summary>
internal static unsafe class NativeSpawn
{
    /// <param name="options">What to run, where and with which environment.</param>
    /// <param name="dups">(source fd in the parent, target fd in the child) pairs.</param>
    /// <param name="devNull">Child fds to open on /dev/null.</param>
    /// <returns>The child's pid.</returns>
    public static int Spawn(SpawnOptions options, IReadOnlyList<(int Source, int Target)> dups, IReadOnlyList<int> devNull)
    {
        var allocations = new List<nint>();
        var fileActions = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var attr = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var sigset = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        bool actionsReady = false, attrReady = false;
        try
        {
            Libc.CheckReturn(Libc.posix_spawn_file_actions_init(fileActions), "posix_spawn_file_actions_init");
            actionsReady = true;
            Libc.CheckReturn(Libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
            attrReady = true;

            foreach (var (source, target) in dups)
            {
                Libc.CheckReturn(Libc.posix_spawn_file_actions_adddup2(fileActions, source, target), "posix_spawn_file_actions_adddup2");
            }

            var devNullPath = Utf8("/dev/null", allocations);
            foreach (var fd in devNull)
            {
                Libc.CheckReturn(Libc.posix_spawn_file_actions_addopen(fileActions, fd, devNullPath, Libc.O_RDWR, 0), "posix_spawn_file_actions_addopen");
            }

            // Descriptors we inherited without close-on-exec (from whoever started us) must not reach the child either.
            var closeFrom = 3;
            foreach (var p in options.ExtraPipes)
            {
                closeFrom = Math.Max(closeFrom, p.ChildFd + 1);
            }

            for (var fd = 3; fd < closeFrom; fd++)
            {
                if (!IsTarget(dups, fd))
                {
                    Libc.CheckReturn(Libc.posix_spawn_file_actions_addclose(fileActions, fd), "posix_spawn_file_actions_addclose");
                }
            }

            Libc.CheckReturn(Libc.posix_spawn_file_actions_addclosefrom_np(fileActions, closeFrom), "posix_spawn_file_actions_addclosefrom_np");

            if (options.WorkingDirectory is { } cwd)
            {
                Libc.CheckReturn(Libc.posix_spawn_file_actions_addchdir_np(fileActions, Utf8(cwd, allocations)), "posix_spawn_file_actions_addchdir_np");
            }

            // .NET ignores SIGPIPE and ignored signals survive exec: give the child default handlers and an empty mask.
            short flags = Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK;
            Libc.sigfillset(sigset);
            Libc.CheckReturn(Libc.posix_spawnattr_setsigdefault(attr, sigset), "posix_spawnattr_setsigdefault");
            Libc.sigemptyset(sigset);
            Libc.CheckReturn(Libc.posix_spawnattr_setsigmask(attr, sigset), "posix_spawnattr_setsigmask");
            if (options.NewSession)
            {
                flags |= Libc.POSIX_SPAWN_SETSID;
            }
            else if (options.NewProcessGroup)
            {
                flags |= Libc.POSIX_SPAWN_SETPGROUP;
                Libc.CheckReturn(Libc.posix_spawnattr_setpgroup(attr, 0), "posix_spawnattr_setpgroup");
            }

            Libc.CheckReturn(Libc.posix_spawnattr_setflags(attr, flags), "posix_spawnattr_setflags");

            var argv = StringArray(options.Arguments, allocations);
            var envp = StringArray(options.Environment, allocations);
            var path = Utf8(options.Executable, allocations);
            int pid;
            var error = Libc.posix_spawn(&pid, path, fileActions, attr, argv, envp);
            if (error != 0)
            {
                throw new IOException(Describe(options, error));
            }

            return pid;
        }
        finally
        {
            if (actionsReady)
            {
                Libc.posix_spawn_file_actions_destroy(fileActions);
            }

            if (attrReady)
            {
                Libc.posix_spawnattr_destroy(attr);
            }

            NativeMemory.Free(fileActions);
            NativeMemory.Free(attr);
            NativeMemory.Free(sigset);
            foreach (var p in allocations)
            {
                NativeMemory.Free((void*)p);
            }
        }
    }

    private static bool IsTarget(IReadOnlyList<(int Source, int Target)> dups, int fd)
    {
        foreach (var d in dups)
        {
            if (d.Target == fd)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(SpawnOptions options, int errno)
    {
        var message = Marshal.GetPInvokeErrorMessage(errno);
        var where = options.WorkingDirectory is { } cwd ? $" in {cwd}" : "";
        return $"cannot run {options.Executable}{where}: {message} (errno {errno})";
    }

    private static byte* Utf8(string s, List<nint> allocations)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)length + 1);
        allocations.Add((nint)p);
        System.Text.Encoding.UTF8.GetBytes(s, new Span<byte>(p, length));
        p[length] = 0;
        return p;
    }

    private static nint* StringArray(IReadOnlyList<string> items, List<nint> allocations)
    {
        var array = (nint*)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
        allocations.Add((nint)array);
        for (var i = 0; i < items.Count; i++)
        {
            array[i] = (nint)Utf8(items[i], allocations);
        }

        return array;
    }
}
