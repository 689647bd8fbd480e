% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{L}, @var{E}] =} hlnn_lnn_lagrangian_mex (@dots{})
% Lagrangian and energy of an LNN (behind lnn_lagrangian, lnn_energy).
%
% Internal MEX gateway (source: src/mex/hlnn_lnn_lagrangian_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_lnn_lagrangian_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_lnn_lagrangian_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
