% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{Qdd}, @var{info}] =} hlnn_lnn_accel_mex (@dots{})
% Euler-Lagrange accelerations of an LNN (behind lnn_accel).
%
% Internal MEX gateway (source: src/mex/hlnn_lnn_accel_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_lnn_accel_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_lnn_accel_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
