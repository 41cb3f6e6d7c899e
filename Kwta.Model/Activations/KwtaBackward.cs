namespace Kwta.Model.Activations;

/// <summary>
/// The gradient a k-WTA layer passes back. Forward output is the same in every mode; the
/// surrogates exist for BPDA (Athalye et al. 2018), which attacks a non-smooth layer by
/// differentiating a smooth stand-in.
/// </summary>
public enum KwtaBackward
{
    /// <summary>Gradient of k-WTA itself: the winner mask.</summary>
    Exact,
    /// <summary>Straight-through: gradient of the identity.</summary>
    Identity,
    /// <summary>Gradient of ReLU: passes where the input is positive.</summary>
    Relu,
}
