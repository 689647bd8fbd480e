% -*- texinfo -*-
% @deftypefn {hlnn} {@var{s} =} hlnn_info_mex (@dots{})
% Version, BLAS in use and its thread count (behind hlnn).
%
% Internal MEX gateway (source: src/mex/hlnn_info_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_info_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_info_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
