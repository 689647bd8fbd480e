% -*- texinfo -*-
% @deftypefn  {hlnn} {} hlnn ()
% @deftypefnx {hlnn} {@var{info} =} hlnn ()
% @deftypefnx {hlnn} {@var{info} =} hlnn (@var{nthreads})
% Hamiltonian and Lagrangian neural networks for Octave: version, the
% BLAS really in use, its thread count, and where to start.
%
% With @var{nthreads}, set the number of threads first (OpenBLAS only;
% the environment variable @env{OPENBLAS_NUM_THREADS} sets it at
% start-up).  Training and the rollouts of a learned model (rk4,
% midpoint, gl4, and coupled rkf45 and rk8pd) share each batch's rows
% (states) among the threads, each thread with a one-thread BLAS (in
% parts of at least 32 training rows or 4 states, so fewer parts for
% small batches); everything else shares each BLAS call among them.
% The result depends on @var{nthreads} only through rounding.  For many
% small runs, one thread per run and runs in parallel
% (@code{hlnn_ensemble}) use the cores better.  With an output, return a
% struct with fields @code{version}, @code{blas} and @code{threads}
% instead of printing.
% @seealso{mlp_create, hnn_create, lnn_create}
% @end deftypefn
function info = hlnn (nthreads)
  if (nargin == 1)
    s = hlnn_info_mex (nthreads);
  else
    s = hlnn_info_mex ();
  end
  if (nargout > 0)
    info = s;
    return;
  end
  fprintf ('hlnn %s -- Hamiltonian and Lagrangian neural networks\n', s.version);
  fprintf ('  BLAS: %s, %d thread(s)\n', s.blas, s.threads);
  fprintf ('  Start with: help hnn_create, help lnn_create, help mlp_create\n');
  fprintf ('  Demos: demo mlp_train; examples in the package''s examples/ folder\n');
end

%!test
%! s = hlnn ();
%! assert (ischar (s.version) && ischar (s.blas));
%! assert (s.threads >= 1);

%!error <nthreads> hlnn (0)
%!error <called with too many inputs> hlnn (1, 2)

%!demo
%! hlnn
