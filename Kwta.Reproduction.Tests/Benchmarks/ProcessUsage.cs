using System.Runtime.InteropServices;

namespace Kwta.Reproduction.Tests.Benchmarks;

/// <summary>The process's CPU time (user + system, every thread) and minor page faults so far, from getrusage, as
/// Python's resource.getrusage reads them for the peer. CPU time is what an op costs whatever the load from other
/// processes; a minor fault is a page the kernel hands out zeroed on first touch, so faults per op show memory being
/// returned to the kernel and taken back.</summary>
static class ProcessUsage
{
    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs of which ru_minflt is the fifth.</summary>
    [StructLayout(LayoutKind.Sequential)]
    struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResident, SharedMemory, UnsharedData, UnsharedStack, MinorFaults;
        public long MajorFaults, Swaps, BlockInputs, BlockOutputs, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    const int Self = 0; // RUSAGE_SELF

    // DllImport, not LibraryImport: the struct is blittable, and this project compiles no unsafe code.
    [DllImport("libc.so.6", EntryPoint = "getrusage")]
    static extern int GetResourceUsage(int who, out ResourceUsage usage);

    public static (double CpuMilliseconds, long MinorFaults) SoFar()
    {
        if (GetResourceUsage(Self, out var usage) != 0) throw new InvalidOperationException("getrusage failed");
        double cpu = (usage.UserSeconds + usage.SystemSeconds) * 1e3 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1e3;
        return (cpu, usage.MinorFaults);
    }
}
