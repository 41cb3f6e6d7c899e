using Kwta.Model.Attacks;
using Kwta.Model.Data;
using Kwta.Model.Models;
using Kwta.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Kwta.Model.Evaluation;

/// <summary>
/// Runs an attack over a set of images in batches and records, per sample, the label, the clean and
/// adversarial predictions and ‖x_adv − x‖∞. A targeted attack (<see cref="ITargetedAttack"/>) runs once
/// per other class of every image, as the reproduction's VGA did.
/// </summary>
public static class RobustAccuracy
{
    public static AttackReport Evaluate(nn.Module<Tensor, Tensor> model, Attack attack, LabeledImages images, int batchSize,
                                        Action<EvaluationProgress>? progress = null) =>
        Evaluate(model, attack, images, [.. Enumerable.Range(0, images.Count)], batchSize, progress);

    /// <summary>The images at <paramref name="indices"/> only, in that order (a shard of a set, or a sample of it): each
    /// outcome carries its image's index in <paramref name="images"/>, and its randomness comes from that index, so an
    /// image's outcome is the same whichever subset or batch it is evaluated in.</summary>
    public static AttackReport Evaluate(nn.Module<Tensor, Tensor> model, Attack attack, LabeledImages images, IReadOnlyList<int> indices,
                                        int batchSize, Action<EvaluationProgress>? progress = null)
    {
        AttackArguments.AtLeast(batchSize, 1, nameof(batchSize));
        using var evaluation = new EvalMode(model);
        var outcomes = new List<AttackOutcome>();
        for (int start = 0; start < indices.Count; start += batchSize)
        {
            // Stryker disable once Statement : memory only; no outcome depends on it.
            NativeHeap.Release(); // the previous batch's freed buffers
            // Everything a batch creates dies with this scope, so memory stays flat over the set.
            using var scope = NewDisposeScope();
            int[] batch = [.. indices.Skip(start).Take(batchSize)];
            var (x, y) = images.Batch(batch);
            var clean = Predictions.Of(model, x);
            if (attack is ITargetedAttack targeted)
            {
                for (int offset = 1; offset < LabeledImages.Classes; offset++)
                {
                    var target = (y + offset).remainder(LabeledImages.Classes);
                    Record(outcomes, batch, model, x, y, target, clean, targeted.PerturbTowards(model, x, y, target));
                }
            }
            else
            {
                Record(outcomes, batch, model, x, y, null, clean, attack.Perturb(model, x, y, Array.ConvertAll(batch, i => (long)i), clean));
            }
            int done = start + batch.Length;
            progress?.Invoke(new EvaluationProgress(done, indices.Count, outcomes.Count(o => o.Robust) / (double)outcomes.Count));
        }
        return new AttackReport(attack.Name, indices.Count, outcomes);
    }

    static void Record(List<AttackOutcome> outcomes, int[] batch, nn.Module<Tensor, Tensor> model, Tensor x, Tensor y, Tensor? target,
                       Tensor clean, Tensor xAdv)
    {
        var labels = y.data<long>().ToArray();
        var targets = target?.data<long>().ToArray();
        var cleanPredictions = clean.data<long>().ToArray();
        using var noGrad = no_grad();
        var logits = model.forward(xAdv);
        var adversarialPredictions = logits.argmax(1).data<long>().ToArray();
        var margins = LogitMargin.Of(logits, y).data<float>().ToArray();
        var norms = (xAdv - x).abs().flatten(1).amax(1).data<float>().ToArray();
        for (int i = 0; i < labels.Length; i++)
            outcomes.Add(new AttackOutcome(batch[i], (int)labels[i], targets is null ? null : (int)targets[i],
                                           (int)cleanPredictions[i], (int)adversarialPredictions[i], norms[i], margins[i]));
    }
}
