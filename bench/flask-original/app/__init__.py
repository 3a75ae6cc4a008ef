"""The original's application factory: Flask-SQLAlchemy and Flask-Migrate, nothing else."""
import os

from flask import Flask

from .extensions import db, migrate


class Config:
    SQLALCHEMY_DATABASE_URI = os.environ.get("CATALOG_BENCH_FLASK_URL", "mysql+pymysql://root:@127.0.0.1:3306/flask_ref")
    SQLALCHEMY_TRACK_MODIFICATIONS = False


def create_app():
    app = Flask(__name__)
    app.config.from_object(Config)
    db.init_app(app)
    migrate.init_app(app, db)
    return app
