global using Convergent.Diagnostics;
global using Tensor = Convergent.Tensors.Tensor;
global using Shape = Convergent.Tensors.Shape;
