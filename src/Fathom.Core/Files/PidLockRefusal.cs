using System.Runtime.InteropServices;

namespace Fathom.Core.Files;

/// <summary>Why a <see cref="PidLock"/> was not taken: the lock's owner turns it into its own message.</summary>
/// <param name="Failure">What failed.</param>
/// <param name="Errno">The system's error for <see cref="PidLockFailure.Open"/> and <see cref="PidLockFailure.Lock"/>.</param>
/// <param name="Holder">The holder's pid for <see cref="PidLockFailure.Held"/>, when it could be read.</param>
public readonly record struct PidLockRefusal(PidLockFailure Failure, int Errno, int? Holder)
{
    /// <summary>The system's words for <see cref="Errno"/>.</summary>
    public string Reason => FileCalls.ErrorText(Errno);

    internal static PidLockRefusal LastError(PidLockFailure failure) => new(failure, Marshal.GetLastPInvokeError(), null);
}
