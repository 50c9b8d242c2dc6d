global using Convergent.Diagnostics;
global using Convergent.Store;
global using Tensor = Convergent.Tensors.Tensor;
global using Shape = Convergent.Tensors.Shape;
