using Kwta.Model.Runtime;

namespace Kwta.Model.Ledger;

/// <summary>How a recomputed sample must match the file it re-verifies.</summary>
public enum VerificationRule
{
    /// <summary>On the CPU the cell was built on, with the kernels pinned, the attack repeats to its margins' last
    /// digits (<see cref="SameCpuTolerance"/>): any changed prediction or margin is a change of code, model or data.</summary>
    SameCpu,
    /// <summary>On another CPU, or with the kernels unpinned, outcomes may flip as rounding does
    /// (<see cref="CrossMachineTolerance"/>).</summary>
    AcrossCpus,
}

public static class VerificationRules
{
    /// <summary>The rule for a file whose header says it was built on <paramref name="machine"/> (<see cref="PinnedNumerics.Machine"/>).</summary>
    public static VerificationRule For(string machine) =>
        machine.Split(';')[0] == PinnedNumerics.Cpu() && PinnedNumerics.InForce() ? VerificationRule.SameCpu : VerificationRule.AcrossCpus;
}
