% -*- texinfo -*-
% @deftypefn {hlnn} {} test_hnn_mex ()
% The HNN through the MEX layer: the training objective's gradient
% (hlnn_loss_mex, model struct -> flat parameters incl. the learned
% dissipation's rho, loss weights) against central finite differences
% taken on the model struct itself.
% @end deftypefn
function test_hnn_mex ()
end

%!function m = perturb (m, k, h)
%!  % add h to the k-th parameter in the flat order W{1}(:), b{1}, ..., rho
%!  for l = 1:numel (m.W)
%!    if (k <= numel (m.W{l}))
%!      m.W{l}(k) = m.W{l}(k) + h; return;
%!    end
%!    k = k - numel (m.W{l});
%!    if (k <= numel (m.b{l}))
%!      m.b{l}(k) = m.b{l}(k) + h; return;
%!    end
%!    k = k - numel (m.b{l});
%!  end
%!  m.rho = m.rho + h;

%!test
%! randn ('state', 1);
%! for act = {'tanh', 'gelu'}
%!   m = hnn_create (2, [5 5], 'Seed', 3, 'Activation', act{1}, ...
%!                   'Dissipation', 'learned', 'Gamma', 0.3, ...
%!                   'LossWeights', [1 0.5 2 1.5]);
%!   m.b = cellfun (@(b) b + 0.1 * randn (size (b)), m.b, 'UniformOutput', false);
%!   X = randn (13, 4);
%!   dX = randn (13, 4);
%!   [loss, g] = hlnn_loss_mex (m, X, dX);
%!   P = numel (g);
%!   assert (P, sum (cellfun (@numel, m.W)) + sum (cellfun (@numel, m.b)) + 1);
%!   fd = zeros (P, 1);
%!   for k = 1:P
%!     h = 1e-5;
%!     fd(k) = (hlnn_loss_mex (perturb (m, k, h), X, dX) ...
%!              - hlnn_loss_mex (perturb (m, k, -h), X, dX)) / (2 * h);
%!   end
%!   err = max (abs (g - fd)) / max (abs (fd));
%!   printf ('  %s: hlnn_loss_mex gradient vs FD rel err %.2e (rho entry %.2e)\n', ...
%!           act{1}, err, abs (g(end) - fd(end)) / abs (fd(end)));
%!   assert (err < 1e-6);
%!   % the loss itself, from hnn_field and the weights
%!   F = hnn_field (m, X);
%!   assert (loss, mean (mean (((F - dX).^2) .* [1 0.5 2 1.5])), 1e-14 * loss);
%! end

%!test
%! % fixed dissipation: the rate is not a parameter
%! m = hnn_create (1, 4, 'Seed', 1, 'Dissipation', 'fixed', 'Gamma', 0.2);
%! [~, g] = hlnn_loss_mex (m, randn (6, 2), randn (6, 2));
%! assert (numel (g), 2*4 + 4 + 4 + 1);

%!error <rho is missing> hlnn_loss_mex (rmfield (hnn_create (1, 4, 'Dissipation', 'learned'), 'rho'), ones (2), ones (2))
%!error <gamma is missing> hlnn_loss_mex (rmfield (hnn_create (1, 4, 'Dissipation', 'fixed', 'Gamma', 1), 'gamma'), ones (2), ones (2))
%!error <dissipation must be> hlnn_loss_mex (setfield (hnn_create (1, 4), 'dissipation', 'foo'), ones (2), ones (2))
%!error <loss_weights must hold> hlnn_loss_mex (setfield (hnn_create (1, 4), 'loss_weights', [1 2 3]), ones (2), ones (2))
%!error <non-negative> hlnn_loss_mex (setfield (hnn_create (1, 4), 'loss_weights', [1 -2]), ones (2), ones (2))
%!error <gamma must be in> hlnn_loss_mex (setfield (hnn_create (1, 4, 'Dissipation', 'fixed', 'Gamma', 1), 'gamma', -1), ones (2), ones (2))
