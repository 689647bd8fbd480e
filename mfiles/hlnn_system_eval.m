% -*- texinfo -*-
% @deftypefn  {hlnn} {@var{Y} =} hlnn_system_eval (@var{sys}, @var{what}, @var{X})
% @deftypefnx {hlnn} {@var{X0} =} hlnn_system_eval (@var{sys}, 'sample', @var{N}, @var{seed})
% Evaluate an analytic system made by @code{hlnn_system}; the function
% handles of its struct call this.
%
% @var{X} holds states as rows (K x d).  @var{what}:
% @table @asis
% @item @qcode{'field'}
% K x d time derivatives (@code{[q' p']} or @code{[qdot qddot]}), in C.
% @item @qcode{'energy'}
% K x 1 total energy.
% @item @qcode{'H'}, @qcode{'L'}
% K x 1 Hamiltonian (Hamiltonian form) or Lagrangian (Lagrangian form).
% @item @qcode{'dL'}
% K x d @code{[dL/dq dL/dqdot]} (Lagrangian form).
% @item @qcode{'accel'}
% K x n accelerations @code{qddot} (Lagrangian form).
% @item @qcode{'sample'}
% @var{N} initial states drawn with the seeded sampler described in
% @code{hlnn_system}.  Rows depend only on the seed and their index, so
% a longer sample extends a shorter one.  The global @code{rand} and
% @code{randn} states are restored afterwards.
% @end table
% @seealso{hlnn_system}
% @end deftypefn
function Y = hlnn_system_eval (sys, what, varargin)
  hlnn_check_nargin (nargin, 3, Inf, 'hlnn_system_eval');
  hlnn_check_system (sys, 'SYS', 'hlnn_system_eval', 'hlnn:system:type');
  if (~ischar (what))
    error ('hlnn:system:what', 'hlnn_system_eval: WHAT must be a string');
  end
  lagr = strcmp (sys.form, 'lagrangian');
  switch (what)
    case 'field'
      Y = hlnn_system_mex ('field', sys.name, sys.params, varargin{1});
    case 'energy'
      Y = hlnn_system_mex ('energy', sys.name, sys.params, varargin{1});
    case {'H', 'L'}
      if (lagr ~= strcmp (what, 'L'))
        error ('hlnn:system:form', 'hlnn_system_eval: %s is a %s system, it has no %s', ...
               sys.name, sys.form, what);
      end
      Y = hlnn_system_mex ('scalar', sys.name, sys.params, varargin{1});
    case {'dL', 'accel'}
      if (~lagr)
        error ('hlnn:system:form', 'hlnn_system_eval: %s needs a Lagrangian system', what);
      end
      if (strcmp (what, 'dL'))
        Y = hlnn_system_mex ('dL', sys.name, sys.params, varargin{1});
      else
        F = hlnn_system_mex ('field', sys.name, sys.params, varargin{1});
        Y = F(:, sys.n+1:end);
      end
    case 'sample'
      hlnn_check_nargin (nargin, 4, 4, 'hlnn_system_eval');
      Y = sample (sys, varargin{1}, varargin{2});
    otherwise
      error ('hlnn:system:what', ['hlnn_system_eval: unknown WHAT ''%s'' ' ...
             '(field, energy, H, L, dL, accel, sample)'], what);
  end
end

function X0 = sample (sys, N, seed)
  % at most 1e8 states: a state costs a few microseconds to draw
  if (~isnumeric (N) || ~isscalar (N) || ~isreal (N) || issparse (N) || ~(N >= 1) ...
      || N ~= fix (N) || N > 1e8)
    error ('hlnn:system:sample', 'hlnn_system_eval: N must be a positive integer (at most 1e8)');
  end
  if (~isnumeric (seed) || ~isscalar (seed) || ~isreal (seed) || seed < 0 || seed ~= fix (seed) ...
      || seed >= 2^32)
    error ('hlnn:system:seed', 'hlnn_system_eval: SEED must be an integer in [0, 2^32)');
  end
  su = rand ('state');
  sn = randn ('state');
  X0 = zeros (N, 2 * sys.n);
  try
    rand ('state', seed);
    randn ('state', seed);
    % every row takes a fixed count of draws, so row i does not depend on N
    for i = 1:N
      X0(i, :) = draw (sys);
    end
  catch err
    rand ('state', su);
    randn ('state', sn);
    rethrow (err);
  end
  rand ('state', su);
  randn ('state', sn);
end

function x = draw (sys)
  s = sys.sampler;
  p = sys.params;
  switch (sys.name)
    case {'spring', 'damped_spring', 'pendulum'}
      % Greydanus et al.: direction from the square, radius uniform
      y = rand (1, 2) * 2 - 1;
      r = rand () * diff (s.RadiusRange) + s.RadiusRange(1);
      x = y / sqrt (sum (y .^ 2)) * r;
    case 'two_body'
      m = p(1:2);
      G = p(3);
      M = sum (m);
      pos = rand (1, 2) * diff (s.RadiusRange) + s.RadiusRange(1);
      D = 2 * pos;                      % separation, body 1 minus body 2
      u = [-D(2), D(1)] / norm (D);     % circular motion is along u
      v = sqrt (G * M / norm (D)) * (1 + s.OrbitNoise * randn ());
      q1 = m(2) / M * D;
      q2 = -m(1) / M * D;
      v1 = m(2) / M * v * u;
      v2 = -m(1) / M * v * u;
      x = [q1(1), q2(1), q1(2), q2(2), ...
           m(1) * v1(1), m(2) * v2(1), m(1) * v1(2), m(2) * v2(2)];
    case 'three_body'
      m = p(1:3);
      G = p(4);
      rot = @(z, a) z * [cos(a), sin(a); -sin(a), cos(a)];
      p1 = 2 * rand (1, 2) - 1;
      r = rand () * diff (s.RadiusRange) + s.RadiusRange(1);
      p1 = p1 * r / norm (p1);
      P = [p1; rot(p1, 2*pi/3); rot(p1, 4*pi/3)];
      % Lagrange's equilateral solution: v^2 = G m / (sqrt (3) r)
      v1 = rot (p1, pi/2) / r^1.5 * sqrt (sin (pi/3) / (2 * cos (pi/6)^2)) ...
           * sqrt (G * mean (m));
      V = [v1; rot(v1, 2*pi/3); rot(v1, 4*pi/3)];
      for b = 1:3
        V(b, :) = V(b, :) .* (1 + s.OrbitNoise * (2 * rand (1, 2) - 1));
      end
      x = [P(:, 1)', P(:, 2)', (m(:) .* V(:, 1))', (m(:) .* V(:, 2))'];
    case 'henon_heiles'
      lam = p(1);
      E = rand () * diff (s.EnergyRange) + s.EnergyRange(1);
      % y where V(0, y) = y^2/2 - lam y^3/3 <= E on the bounded side
      rts = roots ([-lam / 3, 1/2, 0, -E]);
      rts = sort (real (rts(abs (imag (rts)) < 1e-12)));
      lo = max (rts(rts < 0));
      hi = min (rts(rts > 0));
      y = lo + rand () * (hi - lo);
      Kin = max (E - (y^2 / 2 - lam * y^3 / 3), 0);
      a = 2 * pi * rand ();
      x = [0, y, sqrt(2 * Kin) * cos(a), sqrt(2 * Kin) * sin(a)];
    otherwise   % double_pendulum
      x = [(2 * rand (1, 2) - 1) * s.AngleMax, s.RateStd * randn(1, 2)];
  end
end

%!shared sys
%! sys = hlnn_system ('spring');

%!test
%! X = [0.3 0.4; -1 2];
%! assert (hlnn_system_eval (sys, 'H', X), sum (X .^ 2, 2), 1e-15);
%! assert (hlnn_system_eval (sys, 'field', X), [2 * X(:, 2), -2 * X(:, 1)], 1e-15);
%! assert (hlnn_system_eval (sys, 'energy', X), sys.energy (X));

%!test
%! % the handles still work after save and load
%! f = [tempname() '.mat'];
%! save ('-binary', f, 'sys');
%! s2 = load (f);
%! delete (f);
%! assert (s2.sys.H ([1 1]), 2);
%! assert (isequal (s2.sys.sample (3, 1), sys.sample (3, 1)));

%!test
%! % Henon-Heiles samples sit at their drawn energy, x = 0
%! hh = hlnn_system ('henon_heiles', 'EnergyRange', [0.1 0.1]);
%! X = hlnn_system_eval (hh, 'sample', 50, 3);
%! assert (hh.energy (X), 0.1 * ones (50, 1), 1e-12);
%! assert (X(:, 1), zeros (50, 1));

%!test
%! % three-body equal masses without noise: Lagrange's circular solution,
%! % acceleration of each body is centripetal v^2 / r
%! tb = hlnn_system ('three_body', 'OrbitNoise', 0);
%! X = tb.sample (2, 4);
%! F = tb.field (X);
%! r = hypot (X(:, 1), X(:, 4));
%! v2 = X(:, 7) .^ 2 + X(:, 10) .^ 2;
%! a = hypot (F(:, 7), F(:, 10));
%! assert (a, v2 ./ r, 1e-12);

%!error <made by hlnn_system> hlnn_system_eval (struct ('kind', 'mlp'), 'H', [1 2])
%!error <has no L> hlnn_system_eval (sys, 'L', [1 2])
%!error <unknown WHAT> hlnn_system_eval (sys, 'foo', [1 2])
%!error <N must be a positive integer> hlnn_system_eval (sys, 'sample', 0, 1)
%!error <SEED> hlnn_system_eval (sys, 'sample', 2, -1)
%!error <2 columns|must be> hlnn_system_eval (sys, 'field', [1 2 3])
%!error <Invalid call> hlnn_system_eval (sys)

%!demo
%! sys = hlnn_system ('two_body');
%! X0 = hlnn_system_eval (sys, 'sample', 2, 0)
