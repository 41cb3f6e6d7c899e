using Kwta.Model.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Attacks;

/// <summary>
/// The AutoAttack ensemble (Croce &amp; Hein, ICML 2020): its members run one after the other, each only on the
/// images the model still classifies correctly, and an image counts as broken by the first member that breaks
/// it. AutoAttack's "standard" version is APGD-CE → APGD-T → FAB-T → Square; this suite has no FAB-T and leaves it
/// out, so its robust accuracy is an upper bound on what the full standard version would report (see docs/autoattack.md).
/// Each member draws an image's randomness from the image's own generator (<see cref="SurvivorAttack"/>), so an
/// image a member breaks alone it also breaks here: the ensemble's robust accuracy is at most any member's.
/// </summary>
public sealed class AutoAttackEnsemble : LinfAttack
{
    readonly Dictionary<string, int> brokenCounts = [];

    public IReadOnlyList<SurvivorAttack> Members { get; }

    public AutoAttackEnsemble(IReadOnlyList<SurvivorAttack> members) : base(CommonEpsilon(members)) => Members = members;

    public override string Name => "autoattack";

    /// <summary>How many images each member broke over every call so far (images it was the first to break).</summary>
    public IReadOnlyDictionary<string, int> BrokenCounts => brokenCounts;

    /// <summary>The adversarial images and which member broke each image.</summary>
    /// <param name="images">Each row's index in the evaluated set, as for <see cref="Attack.Perturb"/>.</param>
    public EnsembleResult Evaluate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[]? images = null)
    {
        var indices = AttackArguments.ImageIndices(images, x);
        IReadOnlyList<string?> brokenBy = [];
        var adversarial = RunGuarded(model, x, y, () =>
        {
            (var attacked, brokenBy) = Run(model, x.detach(), y, indices);
            return attacked;
        });
        return new EnsembleResult(adversarial, brokenBy);
    }

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images) => Run(model, x, y, images).Adversarial;

    protected override Tensor Generate(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images, Tensor clean) =>
        Run(model, x, y, images, clean).Adversarial;

    (Tensor Adversarial, IReadOnlyList<string?> BrokenBy) Run(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, long[] images, Tensor? clean = null)
    {
        var survivors = (clean ?? Predictions.Of(model, x)).eq(y);
        var brokenBy = survivors.data<bool>().Select(correct => correct ? null : EnsembleResult.CleanMistake).ToArray();
        var adversarial = x.clone();
        foreach (var member in Members)
        {
            using var scope = NewDisposeScope();
            var attacked = member.PerturbSurvivors(model, x, y, survivors, images);
            var broken = survivors.logical_and(Predictions.Of(model, attacked).ne(y));
            adversarial.copy_(where(PerSample(broken, x), attacked, adversarial));
            survivors.logical_and_(broken.logical_not());
            var flags = broken.data<bool>().ToArray();
            for (int i = 0; i < flags.Length; i++)
                if (flags[i]) brokenBy[i] = member.Name;
            brokenCounts[member.Name] = brokenCounts.GetValueOrDefault(member.Name) + flags.Count(f => f);
        }
        return (adversarial, brokenBy);
    }

    static double CommonEpsilon(IReadOnlyList<SurvivorAttack> members)
    {
        if (members.Count == 0 || members.Any(m => m.Epsilon != members[0].Epsilon))
            throw new ArgumentException("an ensemble needs at least one member, all with the same ε.", nameof(members));
        return members[0].Epsilon;
    }

    public override string ToString() =>
        $"AutoAttack ensemble (standard version without FAB-T): {string.Join(" → ", Members.Select(m => m.ToString()))}";
}
