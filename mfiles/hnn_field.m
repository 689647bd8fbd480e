% -*- texinfo -*-
% @deftypefn {hlnn} {@var{dX} =} hnn_field (@var{model}, @var{X})
% The vector field of a Hamiltonian neural network at the rows of
% @var{X} (N x 2n states @code{[q p]}): each row of @var{dX} is
% @code{[dH/dp, -dH/dq - gamma p]}, with @code{gamma = model.gamma}
% (0 without dissipation).
%
% The gradient of H is exact (one reverse pass through the network, in C,
% in blocks of 4096 rows).  To integrate the learned dynamics with an
% Octave solver, pass states as rows:
% @example
% f = @@(t, x) hnn_field (model, x.').';
% [t, x] = ode45 (f, [0 10], x0(:));
% @end example
% Several trajectories at once are one row each of the state matrix.
% @seealso{hnn_create, hnn_train, hnn_energy}
% @end deftypefn
function dX = hnn_field (model, X)
  hlnn_check_nargin (nargin, 2, 2, 'hnn_field');
  hlnn_check_model (model, 'hnn', 'hnn_field');
  hlnn_check_data (X, 'X', 2 * model.n, [], 'hnn', 'hnn_field');
  dX = hlnn_hnn_field_mex (model, X);
end

%!function G = ref_grad (m, X)
%!  % grad_x H of a tanh network, by hand-written backpropagation
%!  A = {X'};
%!  L = numel (m.W);
%!  for l = 1:L-1
%!    A{l+1} = tanh (m.W{l} * A{l} + m.b{l});
%!  end
%!  D = repmat (m.W{L}', 1, size (X, 1));
%!  for l = L-1:-1:1
%!    D = m.W{l}' * ((1 - A{l+1}.^2) .* D);
%!  end
%!  G = D';

%!test
%! m = hnn_create (2, [9 7], 'Seed', 5);
%! m.b = cellfun (@(b) b + 0.1 * (1:numel (b))', m.b, 'UniformOutput', false);
%! X = randn (11, 4);
%! G = ref_grad (m, X);
%! F = hnn_field (m, X);
%! assert (F, [G(:,3:4), -G(:,1:2)], 1e-12 * max (abs (G(:))));

%!test
%! m = hnn_create (1, 6, 'Seed', 2, 'Dissipation', 'fixed', 'Gamma', 0.4);
%! X = randn (5, 2);
%! G = ref_grad (m, X);
%! assert (hnn_field (m, X), [G(:,2), -G(:,1) - 0.4 * X(:,2)], 1e-12 * max (abs (G(:))));
%! m = hnn_create (1, 6, 'Seed', 2, 'Dissipation', 'learned', 'Gamma', 0.7);
%! assert (hnn_field (m, X), [G(:,2), -G(:,1) - 0.7 * X(:,2)], 1e-12 * max (abs (G(:))));

%!test
%! % blocks of 4096 rows give the same rows as separate calls
%! m = hnn_create (1, 5, 'Seed', 1);
%! X = randn (5000, 2);
%! F = hnn_field (m, X);
%! assert (F(4097:end, :), hnn_field (m, X(4097:end, :)), 1e-15);

%!test
%! % ode45 on the learned conservative field conserves the learned energy
%! m = hnn_create (1, [16 16], 'Seed', 7);
%! opt = odeset ('RelTol', 1e-10, 'AbsTol', 1e-10);
%! [~, x] = ode45 (@(t, x) hnn_field (m, x.').', [0 3], [0.5; -0.2], opt);
%! H = hnn_energy (m, x);
%! assert (max (abs (H - H(1))) < 1e-8 * abs (H(1)));

%!error <X must have 4 columns> hnn_field (hnn_create (2, 4), ones (3, 2))
%!error <kind 'hnn'> hnn_field (mlp_create ([2 4 2]), ones (3, 2))
%!error <finite> hnn_field (hnn_create (1, 4), [1 NaN])
%!error <Invalid call> hnn_field (hnn_create (1, 4))
%!error <relu> hnn_field (setfield (hnn_create (1, 4), 'activation', 'relu'), [1 2])

%!demo
%! m = hnn_create (1, [32 32], 'Seed', 1);
%! [q, p] = meshgrid (linspace (-1, 1, 15));
%! F = hnn_field (m, [q(:) p(:)]);
%! quiver (q(:), p(:), F(:,1), F(:,2)); xlabel ('q'); ylabel ('p');
%! title ('field of an untrained HNN');
