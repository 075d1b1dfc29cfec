#!/bin/bash
# holodet batch under PBS Pro / Torque: one MPI rank per GPU. Resubmit to resume.
#PBS -N holodet-RF07
#PBS -l select=2:ncpus=32:ngpus=4:mpiprocs=4
#PBS -l walltime=12:00:00
#PBS -j oe
set -euo pipefail
cd "$PBS_O_WORKDIR"

archives=(/data/RF07/*.nc)
out=/data/RF07-particles

# Each rank takes the GPU matching its local rank (OpenMPI sets OMPI_COMM_WORLD_LOCAL_RANK).
mpiexec --hostfile "$PBS_NODEFILE" -n 8 --map-by ppr:4:node \
  bash -c 'exec holodet batch "$@" --devices "cuda:${OMPI_COMM_WORLD_LOCAL_RANK}" --threads 8' \
  holodet "${archives[@]}" --out "$out" --resume
