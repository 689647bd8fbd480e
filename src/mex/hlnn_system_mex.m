% -*- texinfo -*-
% @deftypefn {hlnn} {@var{Y} =} hlnn_system_mex (@dots{})
% Field, energy, H or L of an analytic system (behind hlnn_system).
%
% Internal MEX gateway (source: src/mex/hlnn_system_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_system_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_system_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
