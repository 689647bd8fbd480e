% -*- texinfo -*-
% @deftypefn {hlnn} {@var{Y} =} mlp_predict (@var{model}, @var{X})
% Evaluate an MLP on the rows of @var{X} (N x inputs); @var{Y} is
% N x outputs.  Runs in C, in blocks of 4096 rows.
% @seealso{mlp_create, mlp_train}
% @end deftypefn
function Y = mlp_predict (model, X)
  hlnn_check_nargin (nargin, 2, 2, 'mlp_predict');
  hlnn_check_model (model, 'mlp', 'mlp_predict');
  hlnn_check_data (X, 'X', model.sizes(1), [], 'mlp', 'mlp_predict');
  Y = hlnn_mlp_forward_mex (model, X);
end

%!test
%! % an independent forward pass in plain Octave from model.W / model.b
%! m = mlp_create ([3 7 5 2], 'Seed', 5);
%! m.b = cellfun (@(b) b + 0.1 * (1:numel (b))', m.b, 'UniformOutput', false);
%! X = randn (9, 3);
%! A = X';
%! for l = 1:numel (m.W) - 1
%!   A = tanh (m.W{l} * A + m.b{l});
%! end
%! Yref = (m.W{end} * A + m.b{end})';
%! assert (mlp_predict (m, X), Yref, 1e-12 * max (abs (Yref(:))));

%!test
%! m = mlp_create ([2 4 1], 'Seed', 1);
%! X = randn (5000, 2);
%! Y = mlp_predict (m, X);
%! assert (size (Y), [5000 1]);
%! assert (Y(4097:end), mlp_predict (m, X(4097:end, :)));

%!error <X must have 2 columns> mlp_predict (mlp_create ([2 4 1]), ones (3, 3))
%!error <real full double> mlp_predict (mlp_create ([2 4 1]), single (ones (3, 2)))
%!error <model struct> mlp_predict (3, ones (3, 2))
%!error <Invalid call> mlp_predict (mlp_create ([2 4 1]))
%!error id=hlnn:arg:nargin mlp_predict ()

%!demo
%! m = mlp_create ([1 8 1], 'Seed', 1);
%! x = linspace (-1, 1, 5)';
%! disp ([x, mlp_predict(m, x)])
