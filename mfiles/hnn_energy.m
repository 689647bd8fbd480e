% -*- texinfo -*-
% @deftypefn {hlnn} {@var{H} =} hnn_energy (@var{model}, @var{X})
% The learned Hamiltonian (energy) @code{H(q, p)} of a Hamiltonian neural
% network at the rows of @var{X} (N x 2n states @code{[q p]}); @var{H} is
% N x 1.  A learned H is defined up to an additive constant: compare
% differences of energies, not their values.
% @seealso{hnn_create, hnn_train, hnn_field}
% @end deftypefn
function H = hnn_energy (model, X)
  hlnn_check_nargin (nargin, 2, 2, 'hnn_energy');
  hlnn_check_model (model, 'hnn', 'hnn_energy');
  hlnn_check_data (X, 'X', 2 * model.n, [], 'hnn', 'hnn_energy');
  H = hlnn_hnn_energy_mex (model, X);
end

%!test
%! % an independent forward pass in plain Octave from model.W / model.b
%! m = hnn_create (2, [7 5], 'Seed', 5, 'Activation', 'sin');
%! m.b = cellfun (@(b) b + 0.1 * (1:numel (b))', m.b, 'UniformOutput', false);
%! X = randn (9, 4);
%! A = X';
%! for l = 1:numel (m.W) - 1
%!   A = sin (m.W{l} * A + m.b{l});
%! end
%! Href = (m.W{end} * A + m.b{end})';
%! assert (hnn_energy (m, X), Href, 1e-12 * max (abs (Href)));

%!test
%! % the field is the symplectic gradient of this energy (central FD)
%! m = hnn_create (1, [8 8], 'Seed', 3, 'Activation', 'softplus');
%! x = [0.3 -0.7]; h = 1e-5;
%! dHdq = (hnn_energy (m, x + [h 0]) - hnn_energy (m, x - [h 0])) / (2*h);
%! dHdp = (hnn_energy (m, x + [0 h]) - hnn_energy (m, x - [0 h])) / (2*h);
%! F = hnn_field (m, x);
%! assert (F, [dHdp, -dHdq], 1e-8 * max (abs (F)));

%!test
%! m = hnn_create (1, 4, 'Seed', 1);
%! assert (size (hnn_energy (m, zeros (5000, 2))), [5000 1]);

%!error <X must have 2 columns> hnn_energy (hnn_create (1, 4), ones (3, 3))
%!error <kind 'hnn'> hnn_energy (mlp_create ([2 4 1]), ones (3, 2))
%!error <model struct> hnn_energy (3, ones (3, 2))
%!error <Invalid call> hnn_energy (hnn_create (1, 4))

%!demo
%! m = hnn_create (1, [32 32], 'Seed', 1);
%! [q, p] = meshgrid (linspace (-1, 1, 41));
%! H = reshape (hnn_energy (m, [q(:) p(:)]), size (q));
%! contour (q, p, H, 20); xlabel ('q'); ylabel ('p'); title ('H of an untrained HNN');
