% -*- texinfo -*-
% @deftypefn {hlnn} {} test_mlp_sine ()
% Integration test: an MLP learns y = sin(x) on [-pi, pi] to validation
% MSE < 1e-4, and mlp_predict agrees with a plain-Octave forward pass.
% @end deftypefn
function test_mlp_sine ()
end

%!test
%! x = linspace (-pi, pi, 256)';
%! xv = linspace (-pi + 0.01, pi - 0.01, 97)';
%! m = mlp_create ([1 32 32 1], 'Seed', 1);
%! m = mlp_train (m, x, sin (x), 'Steps', 3000, 'LearningRate', 3e-3, 'Verbose', false);
%! mse = mean ((mlp_predict (m, xv) - sin (xv)).^2);
%! printf ('  sin(x) validation MSE %.3e after 3000 steps\n', mse);
%! assert (mse < 1e-4);
%! % independent forward pass from model.W / model.b
%! A = xv';
%! for l = 1:numel (m.W) - 1
%!   A = tanh (m.W{l} * A + m.b{l});
%! end
%! yref = (m.W{end} * A + m.b{end})';
%! assert (max (abs (mlp_predict (m, xv) - yref)) < 1e-12);
