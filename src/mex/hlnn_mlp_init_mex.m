% -*- texinfo -*-
% @deftypefn {hlnn} {[@var{W}, @var{b}] =} hlnn_mlp_init_mex (@dots{})
% Seeded initial weights for a layer layout (behind mlp_create).
%
% Internal MEX gateway (source: src/mex/hlnn_mlp_init_mex.c); call the documented
% functions instead.  This file only carries the help text and reports a
% missing build.
% @end deftypefn
function varargout = hlnn_mlp_init_mex (varargin)
  error ('hlnn:mex:missing', 'hlnn_mlp_init_mex: the compiled MEX file is missing; reinstall or rebuild hlnn');
end
