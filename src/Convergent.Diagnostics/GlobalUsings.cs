// System.Numerics.Tensors also declares a Tensor type; in this project "Tensor" always means the engine's.
global using Tensor = Convergent.Tensors.Tensor;
global using Shape = Convergent.Tensors.Shape;
global using DType = Convergent.Tensors.DType;
