#include "repscope/embed/procrustes.h"

#include <Eigen/LU>
#include <Eigen/SVD>
#include <string>

#include "embed/input_checks.h"
#include "repscope/error.h"

namespace repscope::embed {

using Eigen::MatrixXd;
using Eigen::RowVectorXd;

ProcrustesResult alignProcrustes(const MatrixXd& source, const MatrixXd& reference,
                                 const ProcrustesOptions& options) {
    if (source.rows() != reference.rows() || source.cols() != reference.cols()) {
        throw InputError("Procrustes alignment needs embeddings of the same shape; got " +
                         std::to_string(source.rows()) + "×" + std::to_string(source.cols()) +
                         " and " + std::to_string(reference.rows()) + "×" +
                         std::to_string(reference.cols()) + ".");
    }
    detail::checkEmbeddingMatrix(source, "The embedding to align");
    detail::checkEmbeddingMatrix(reference, "The reference embedding");
    const auto k = source.cols();

    RowVectorXd muX = RowVectorXd::Zero(k);
    RowVectorXd muY = RowVectorXd::Zero(k);
    if (options.allowTranslation) {
        muX = source.colwise().mean();
        muY = reference.colwise().mean();
    }
    const MatrixXd a = source.rowwise() - muX;
    const MatrixXd b = reference.rowwise() - muY;

    // max over orthogonal R of trace(Rᵀ AᵀB): R = U Vᵀ from AᵀB = U Σ Vᵀ.
    Eigen::JacobiSVD<MatrixXd> svd(a.transpose() * b, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::VectorXd sigma = svd.singularValues();
    MatrixXd u = svd.matrixU();
    const MatrixXd& v = svd.matrixV();
    if (!options.allowReflection && (u * v.transpose()).determinant() < 0.0) {
        u.col(k - 1) *= -1.0;  // flip the weakest axis
        sigma(k - 1) *= -1.0;
    }
    ProcrustesResult r;
    r.rotation = u * v.transpose();
    const double normA = a.squaredNorm();
    r.scale = (options.allowScale && normA > 0.0) ? sigma.sum() / normA : 1.0;
    r.translation = muY - r.scale * muX * r.rotation;
    r.aligned = (r.scale * source * r.rotation).rowwise() + r.translation;
    r.residual = (r.aligned - reference).squaredNorm();
    const double spread =
        (reference.rowwise() - RowVectorXd(reference.colwise().mean())).squaredNorm();
    r.relativeResidual = spread > 0.0 ? r.residual / spread : 0.0;
    return r;
}

std::vector<ProcrustesResult> alignSequence(const std::vector<MatrixXd>& embeddings,
                                            const ProcrustesOptions& options, Progress& progress) {
    std::vector<ProcrustesResult> out;
    out.reserve(embeddings.size());
    detail::ProgressPacer pacer(progress, 0.0, 1.0);
    for (std::size_t i = 0; i < embeddings.size(); ++i) {
        const MatrixXd& e = embeddings[i];
        if (i == 0) {
            detail::checkEmbeddingMatrix(e, "Embedding 1 of the sequence");
            ProcrustesResult first;
            first.aligned = e;
            first.rotation = MatrixXd::Identity(e.cols(), e.cols());
            first.translation = RowVectorXd::Zero(e.cols());
            out.push_back(std::move(first));
        } else {
            if (e.rows() != embeddings[0].rows() || e.cols() != embeddings[0].cols()) {
                throw InputError("Embedding " + std::to_string(i + 1) + " of the sequence is " +
                                 std::to_string(e.rows()) + "×" + std::to_string(e.cols()) +
                                 " but the first is " + std::to_string(embeddings[0].rows()) + "×" +
                                 std::to_string(embeddings[0].cols()) + ".");
            }
            try {
                out.push_back(alignProcrustes(e, out.back().aligned, options));
            } catch (const FormatError& err) {
                throw FormatError("Embedding " + std::to_string(i + 1) +
                                  " of the sequence: " + err.what());
            }
        }
        pacer.tick(static_cast<double>(i + 1) / static_cast<double>(embeddings.size()));
    }
    progress.report(1.0);
    return out;
}

}  // namespace repscope::embed
