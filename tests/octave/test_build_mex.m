% -*- texinfo -*-
% @deftypefn {hlnn} {} test_build_mex ()
% hlnn_build_mex under Octave: builds every gateway with mkoctfile --mex
% into a temporary folder; the MEX files built there run, and agree with
% the ones make built.  (The MATLAB path of hlnn_build_mex cannot be
% tested here: no MATLAB.)
% @end deftypefn
function test_build_mex ()
end

%!test
%! out = tempname ();
%! made = fileparts (which ('hlnn_train_mex'));
%! tic;
%! files = hlnn_build_mex ('OutDir', out);
%! printf ('  built %d gateways in %.1f s\n', numel (files), toc);
%! unwind_protect
%!   assert (numel (files), numel (dir (fullfile (made, '*.mex'))));
%!   for k = 1:numel (files)
%!     assert (exist (files{k}, 'file') == 2 || exist (files{k}, 'file') == 3);
%!   end
%!   m = mlp_create ([3 7 2], 'Seed', 4);
%!   X = randn (11, 3);
%!   want = hlnn_mlp_forward_mex (m, X);
%!   addpath (out);
%!   unwind_protect
%!     assert (strcmp (fileparts (which ('hlnn_mlp_forward_mex')), out));
%!     got = hlnn_mlp_forward_mex (m, X);
%!     s = hlnn_info_mex ();
%!   unwind_protect_cleanup
%!     rmpath (out);
%!   end_unwind_protect
%!   printf ('  rebuilt forward pass: max |diff| %.3g; BLAS %s\n', max (abs (got(:) - want(:))), s.blas);
%!   assert (got, want, 1e-13 * max (abs (want(:))));
%!   assert (s.version, hlnn ().version);
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, 'local');
%!   rmdir (out, 's');
%! end_unwind_protect
