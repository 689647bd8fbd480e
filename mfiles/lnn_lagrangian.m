% -*- texinfo -*-
% @deftypefn {hlnn} {@var{L} =} lnn_lagrangian (@var{model}, @var{Q}, @var{Qd})
% Value of the learned Lagrangian at the states @code{[@var{Q} @var{Qd}]}
% (each N x n); @var{L} is N x 1.
%
% A Lagrangian is defined up to a constant and a total time derivative,
% so only differences and derivatives of @var{L} are physically
% meaningful; see @code{lnn_energy} for the conserved energy.
% @seealso{lnn_energy, lnn_accel, lnn_create}
% @end deftypefn
function L = lnn_lagrangian (model, Q, Qd)
  hlnn_check_nargin (nargin, 3, 3, 'lnn_lagrangian');
  hlnn_check_model (model, 'lnn', 'lnn_lagrangian');
  hlnn_check_data (Q, 'Q', model.n, [], 'lnn', 'lnn_lagrangian');
  hlnn_check_data (Qd, 'Qd', model.n, size (Q, 1), 'lnn', 'lnn_lagrangian');
  L = hlnn_lnn_lagrangian_mex (model, Q, Qd);
end

%!test
%! % against an independent plain-Octave forward pass (softplus)
%! m = lnn_create (2, [9 7], 'Seed', 8);
%! q = randn (5, 2);  qd = randn (5, 2);
%! A = [q qd]';
%! for l = 1:numel (m.W) - 1
%!   Z = m.W{l} * A + m.b{l};
%!   A = max (Z, 0) + log1p (exp (-abs (Z)));
%! end
%! ref = (m.W{end} * A + m.b{end})';
%! assert (lnn_lagrangian (m, q, qd), ref, 1e-13 * max (abs (ref)));

%!error <Qd must have 2 rows> lnn_lagrangian (lnn_create (1, 3), [1; 2], 1)
%!error <kind 'lnn'> lnn_lagrangian (mlp_create ([2 3 1]), 1, 1)
%!error <Invalid call> lnn_lagrangian (lnn_create (1, 3), 1)

%!demo
%! model = lnn_create (1, [16 16], 'Seed', 1);
%! [q, qd] = meshgrid (linspace (-pi, pi, 41), linspace (-3, 3, 41));
%! L = reshape (lnn_lagrangian (model, q(:), qd(:)), size (q));
%! contour (q, qd, L, 20); xlabel ('q'); ylabel ('qdot'); title ('L (untrained)');
