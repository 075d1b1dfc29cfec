#!/bin/bash
# holodet batch under Slurm: one MPI rank per GPU. Resubmit the same script to resume.
#SBATCH --job-name=holodet-RF07
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=4
#SBATCH --gpus-per-task=1
#SBATCH --cpus-per-task=8
#SBATCH --time=12:00:00
#SBATCH --signal=TERM@120          # two minutes to save the holograms in flight
#SBATCH --output=holodet-%j.log
set -euo pipefail

archives=(/data/RF07/*.nc)
out=/data/RF07-particles

# --resume is harmless on a first run and continues any earlier one.
srun --mpi=pmix holodet batch "${archives[@]}" --out "$out" --resume \
  --devices cuda --threads "$SLURM_CPUS_PER_TASK"
